using BenchmarkDotNet.Running;
using BlockhostBroker.Protocol.Bench;

// dotnet run -c Release --project bench/Protocol.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(ShortThroughputConfig).Assembly).Run(args, new ShortThroughputConfig());
