using BlockhostBroker.Bench;

// scripts/bench runs this; alone: dotnet bench/Broker.Bench/bin/Release/net10.0/BlockhostBroker.Broker.Bench.dll [--only abf] [--markdown FILE]
return await BenchProgram.RunAsync(args);
