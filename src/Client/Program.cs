using BlockhostBroker.Client.Cli;

using var signals = new TerminationSignals();
return await ClientApp.RunAsync(args, ClientEnvironment.FromProcess(), signals.Token);
