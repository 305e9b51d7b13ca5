using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.State;
using BlockhostBroker.Client.Tests.Support;

using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Client.Tests.State;

public sealed class StateDirectoryTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void LoadOrCreateKeys_NewFolder_WritesBothKeysOwnerOnlyInOwnerOnlyFolder()
    {
        var state = new StateDirectory(_temp.At("state"));

        state.LoadOrCreateKeys();

        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(state.Root));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(state.PathOf(StateDirectory.WireGuardKeyFile)));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(state.PathOf(StateDirectory.EciesKeyFile)));
    }

    [Fact]
    public void LoadOrCreateKeys_SecondCall_ReturnsTheSavedKeys()
    {
        var state = new StateDirectory(_temp.At("state"));
        var (firstWg, firstEcies) = state.LoadOrCreateKeys();

        var (secondWg, secondEcies) = state.LoadOrCreateKeys();

        Assert.Equal(firstWg.PublicKey, secondWg.PublicKey);
        Assert.Equal(firstEcies.PublicKey, secondEcies.PublicKey);
    }

    [Fact]
    public void WriteAllocation_ThenRead_RoundTripsOwnerOnly()
    {
        var record = new AllocationSeeder().Seed(_temp.Path);
        var state = new StateDirectory(_temp.Path);

        var read = state.ReadAllocation();

        Assert.Equal(record, read);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(state.PathOf(StateDirectory.AllocationFile)));
    }

    [Fact]
    public void ReadAllocation_NotJson_ThrowsUsageNamingTheFile()
    {
        var state = new StateDirectory(_temp.Path);
        File.WriteAllText(state.PathOf(StateDirectory.AllocationFile), "{ truncated");

        var error = Assert.Throws<UsageException>(() => state.ReadAllocation());

        Assert.Contains(StateDirectory.AllocationFile, error.Message);
    }

    [Fact]
    public void ToTunnelPeer_EditedGatewayInsidePrefix_ThrowsUsage()
    {
        var record = new AllocationSeeder { Gateway = "2001:db8::105" }.Seed(_temp.Path);

        var error = Assert.Throws<UsageException>(() => record.ToTunnelPeer());

        Assert.Contains("gateway", error.Message);
    }

    [Fact]
    public void ToTunnelPeer_SavedAllocation_AddressIsThePrefixsFirstHost()
    {
        var record = new AllocationSeeder().Seed(_temp.Path);

        var peer = record.ToTunnelPeer();

        Assert.Equal("2001:db8::101", peer.Address.ToString());
        Assert.Equal(120, peer.Prefix.Length);
    }

    [Fact]
    public void SavedAllocationLoad_WireGuardKeyReplaced_ThrowsUsage()
    {
        new AllocationSeeder().Seed(_temp.Path);
        var state = new StateDirectory(_temp.Path);
        File.Delete(state.PathOf(StateDirectory.WireGuardKeyFile));
        state.LoadOrCreateKeys();

        var error = Assert.Throws<UsageException>(() => SavedAllocation.Load(state));

        Assert.Contains(StateDirectory.WireGuardKeyFile, error.Message);
    }
}
