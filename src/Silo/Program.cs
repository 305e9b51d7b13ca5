using BlockhostBroker.Silo.Cli;

var console = CliConsole.FromProcess();
return await BrokerCli.RunAsync(args, console, (config, ct) => DaemonCommand.RunAsync(config, console, ct));
