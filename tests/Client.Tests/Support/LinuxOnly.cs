// The client under test runs on Linux only (wg, ip, Unix file modes), and so do its tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
