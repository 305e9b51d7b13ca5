namespace BlockhostBroker.TestSupport.Network;

/// <summary>A Linux network namespace created by a <see cref="NetworkLab"/>; removed when the lab is disposed.</summary>
public sealed class NetworkNamespace
{
    internal NetworkNamespace(string name) => Name = name;

    /// <summary>The name `ip netns` knows it by.</summary>
    public string Name { get; }

    /// <summary>Runs a program inside the namespace and returns its outcome without judging it.</summary>
    public Task<ProcessResult> TryExecAsync(params string[] command) =>
        ProcessRunner.RunAsync("ip", ["netns", "exec", Name, .. command], timeout: TimeSpan.FromSeconds(30));

    /// <summary>Runs a program inside the namespace and returns its stdout; throws with both streams when it fails.</summary>
    public async Task<string> ExecAsync(params string[] command) =>
        (await TryExecAsync(command)).EnsureSuccess($"ip netns exec {Name} {string.Join(' ', command)}").StdOut;

    /// <summary>Sends `count` ICMPv6 echo requests to an address from inside the namespace; true when any reply came.</summary>
    public async Task<bool> Ping6Async(string address, int count = 3) =>
        (await TryExecAsync("ping", "-6", "-c", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "0.2", "-W", "2", address)).ExitCode == 0;

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A veth pair joining two namespaces, each end with an IPv6 address (DAD off, so usable at once).</summary>
public sealed record VethLink(NetworkNamespace A, string InterfaceA, string AddressA, NetworkNamespace B, string InterfaceB, string AddressB)
{
    /// <summary>End A's address without the prefix length, e.g. for an endpoint.</summary>
    public string HostA => AddressA.Split('/')[0];

    /// <summary>End B's address without the prefix length.</summary>
    public string HostB => AddressB.Split('/')[0];
}

/// <summary>A key pair made by `wg genkey` / `wg pubkey`, with the private key also in a 0600 file.</summary>
public sealed record WireGuardKeyPair(string PrivateKey, string PublicKey, string PrivateKeyFile);
