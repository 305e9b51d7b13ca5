// The broker and its tests run on Linux only (network namespaces, WireGuard, Unix file modes).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// Every class here runs whole daemons, chains and namespaces; on a 2-core machine they run one at a time so a
// slow run is a real finding, not two suites starving each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
