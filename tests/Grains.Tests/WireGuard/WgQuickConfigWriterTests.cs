using BlockhostBroker.Grains.WireGuard;
using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Grains.Tests.WireGuard;

/// <summary>The wg-quick file: mode, atomic rewrite, and acceptance by the real `wg-quick strip` and `wg setconf`.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WgQuickConfigWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_Peers_FileIsOwnerOnlyAndListsEveryPeer()
    {
        await using var gateway = await LiveGateway.StartAsync();
        var options = await gateway.OptionsAsync();
        var peers = Peers(3);

        var written = new WgQuickConfigWriter(options).Write(peers);

        var path = new WgQuickConfigWriter(options).FilePath;
        Assert.True(written);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var text = await File.ReadAllTextAsync(path, Ct);
        Assert.All(peers, p => Assert.Contains($"PublicKey = {p.Key}\nAllowedIPs = {p.Value}\n", text));
        Assert.Contains("Address = 2001:db8:f04::1/48", text);
    }

    [Fact]
    public async Task Write_SameContentTwice_SecondWriteChangesNothing()
    {
        await using var gateway = await LiveGateway.StartAsync();
        var writer = new WgQuickConfigWriter(await gateway.OptionsAsync());
        var peers = Peers(2);
        writer.Write(peers);

        var rewritten = writer.Write(peers);

        Assert.False(rewritten);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(writer.FilePath)!, "*.tmp"));
    }

    [Fact]
    public async Task Write_Output_IsAcceptedByWgQuickStripAndWgSetconf()
    {
        await using var gateway = await LiveGateway.StartAsync();
        var options = await gateway.OptionsAsync(listenPort: 51830);
        var peers = Peers(5);
        var writer = new WgQuickConfigWriter(options);
        writer.Write(peers);

        var stripped = (await ProcessRunner.RunAsync("wg-quick", ["strip", writer.FilePath])).EnsureSuccess("wg-quick strip").StdOut;
        var strippedFile = Path.Combine(gateway.Lab.TempDirectory, "stripped.conf");
        await File.WriteAllTextAsync(strippedFile, stripped, Ct);
        await gateway.Namespace.ExecAsync("wg", "setconf", gateway.Name, strippedFile);
        var device = await gateway.Client.GetDevice(gateway.Name, Ct);

        Assert.Equal(51830, device.ListenPort);
        Assert.Equal(await new WireGuardInterfaceProvisioner(options, gateway.Client.Runner).PublicKey(Ct), device.PublicKey);
        Assert.Equal(peers.OrderBy(p => p.Key), device.Peers.ToDictionary(p => p.PublicKey, p => Assert.Single(p.AllowedIps)).OrderBy(p => p.Key));
    }

    [Fact]
    public void Render_PeerWithMalformedKey_ThrowsKeyFormatError()
    {
        var peers = new Dictionary<string, string> { ["not a key"] = "2001:db8:f04::100/120" };

        Assert.Throws<WireGuardKeyFormatException>(() => WgQuickConfigWriter.Render(TestKeys.Fixed(9), "2001:db8:f04::1/48", 51820, peers));
    }

    [Fact]
    public async Task Write_KeyFileReadableByOthers_IsRefused()
    {
        await using var gateway = await LiveGateway.StartAsync();
        var options = await gateway.OptionsAsync();
        File.SetUnixFileMode(options.PrivateKeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = Assert.Throws<WireGuardKeyFileException>(() => new WgQuickConfigWriter(options).Write(Peers(1)));

        Assert.Contains("chmod 600", error.Message);
    }

    private static Dictionary<string, string> Peers(int count) =>
        Enumerable.Range(1, count).ToDictionary(_ => TestKeys.Random(), WgToolClientLiveTests.PrefixAt);
}
