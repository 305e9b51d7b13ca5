// The broker and its tests run on Linux only (network namespaces, WireGuard, Unix file modes).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
