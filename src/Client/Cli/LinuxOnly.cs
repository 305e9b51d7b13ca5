// broker-client drives wg, ip and systemd: it runs on Linux only, and uses Unix file modes for its key files.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
