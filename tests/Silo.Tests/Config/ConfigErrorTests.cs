using BlockhostBroker.Silo.Config;
using BlockhostBroker.Silo.Tests.Support;

using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Silo.Tests.Config;

/// <summary>Every kind of config mistake yields exactly one problem, and that problem starts with the key at fault.</summary>
public sealed class ConfigErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    // Each case: how to break a valid config, and the key the one resulting message must name first.
    private static readonly Dictionary<string, (Func<ConfigText, TempDirectory, ConfigText> Break, string Key)> Cases = new()
    {
        ["short requests address"] = ((c, _) => c.Set("onchain", "requests_contract", "\"0x12\""), "[onchain] requests_contract:"),
        ["zero requests address"] = ((c, _) => c.Set("onchain", "requests_contract", "\"0x0000000000000000000000000000000000000000\""), "[onchain] requests_contract:"),
        ["bad checksum registry"] = ((c, _) => c.Set("onchain", "registry_contract", "\"0x5fbDB2315678afecb367f032d93F642f64180aa3\""), "[onchain] registry_contract:"),
        ["prefix length over 128"] = ((c, _) => c.Set("broker", "upstream_prefix", "\"2001:db8::/129\""), "[broker] upstream_prefix:"),
        ["IPv4 upstream"] = ((c, _) => c.Set("broker", "upstream_prefix", "\"10.0.0.0/8\""), "[broker] upstream_prefix:"),
        ["allocation size over 128"] = ((c, _) => c.Set("broker", "allocation_size", "130"), "[broker] allocation_size:"),
        ["allocation size wider than upstream"] = ((c, _) => c.Set("broker", "allocation_size", "40"), "[broker] allocation_size:"),
        ["unknown key"] = ((c, _) => c.Set("onchain", "reqests_contract", "\"x\""), "[onchain] reqests_contract is not a known key (did you mean requests_contract?)"),
        ["unknown table"] = ((c, _) => c.Append("[onchian]\nenabled = true"), "[onchian] is not a known table (did you mean [onchain]?)"),
        ["key outside any table"] = ((c, _) => c.Prepend("x = 1"), "x is outside any table"),
        ["missing upstream prefix"] = ((c, _) => c.Remove("broker", "upstream_prefix"), "[broker] upstream_prefix is missing"),
        ["missing public endpoint"] = ((c, _) => c.Remove("wireguard", "public_endpoint"), "[wireguard] public_endpoint is missing"),
        ["unknown storage provider"] = ((c, _) => c.Set("storage", "provider", "\"mysql\""), "[storage] provider"),
        ["postgresql without connection"] = ((c, _) => c.Set("storage", "provider", "\"postgresql\""), "[storage] postgresql_connection"),
        ["listen without port"] = ((c, _) => c.Set("api", "listen", "\"127.0.0.1\""), "[api] listen:"),
        ["listen on a host name"] = ((c, _) => c.Set("api", "listen", "\"broker.example:8081\""), "[api] listen:"),
        ["non-loopback dashboard"] = ((c, _) => c.Set("dashboard", "listen", "\"0.0.0.0:8080\""), "[dashboard] listen:"),
        ["dashboard and api on one port"] = ((c, _) => c.Set("dashboard", "listen", "\"127.0.0.1:8081\""), "[dashboard] listen:"),
        ["WireGuard port out of range"] = ((c, _) => c.Set("wireguard", "listen_port", "70000"), "[wireguard] listen_port:"),
        ["silo port zero"] = ((c, _) => c.Set("silo", "silo_port", "0"), "[silo] silo_port:"),
        ["port as a string"] = ((c, _) => c.Set("wireguard", "listen_port", "\"51820\""), "[wireguard] listen_port:"),
        ["chain id as a float"] = ((c, _) => c.Set("onchain", "chain_id", "1.5"), "[onchain] chain_id:"),
        ["missing ECIES key file"] = ((c, d) => c.Set("onchain", "ecies_key_file", ConfigText.Quote(d.File("absent.key"))), "[onchain] ecies_key_file:"),
        ["missing operator key file"] = ((c, d) => c.Set("onchain", "operator_key_file", ConfigText.Quote(d.File("absent.key"))), "[onchain] operator_key_file:"),
        ["relative operator key path"] = ((c, _) => c.Set("onchain", "operator_key_file", "\"operator.key\""), "[onchain] operator_key_file:"),
        ["bad WireGuard key file"] = ((c, d) => WriteAndPoint(c, d, "wg.key", "not a key", "wireguard", "private_key_file"), "[wireguard] private_key_file:"),
        ["bad RPC URL"] = ((c, _) => c.Set("onchain", "rpc_url", "\"ftp://node\""), "[onchain] rpc_url:"),
        ["host silo elsewhere on sqlite"] = ((c, _) => c.Set("wireguard", "host_silo", "\"broker-2\""), "[wireguard] host_silo:"),
        ["bad silo name"] = ((c, _) => c.Set("silo", "name", "\"broker 1\""), "[silo] name:"),
    };

    /// <summary>The case names, for the theory.</summary>
    public static TheoryData<string> CaseNames => new(Cases.Keys);

    /// <inheritdoc />
    public void Dispose() => _dir.Dispose();

    [Fact]
    public void FromText_ValidConfig_HasNoProblems()
    {
        var (config, problems) = ConfigLoader.FromText(ConfigText.Valid(_dir).ToString());

        Assert.Empty(problems);
        Assert.Equal("2001:db8:f04::/48", config.Pool.UpstreamPrefix);
        Assert.Equal(config.Pool.UpstreamPrefix, config.WireGuard.UpstreamPrefix);
        Assert.StartsWith("0x", config.Workflow.OperatorAddress, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void FromText_OneMistake_ReportsOneProblemNamingTheKey(string mistake)
    {
        var (breakIt, key) = Cases[mistake];
        var text = breakIt(ConfigText.Valid(_dir), _dir).ToString();

        var (_, problems) = ConfigLoader.FromText(text);

        var problem = Assert.Single(problems);
        Assert.StartsWith(key, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FromText_SyntaxError_NamesTheLine()
    {
        var text = ConfigText.Valid(_dir).Append("[api\nlisten = ").ToString();

        var (_, problems) = ConfigLoader.FromText(text, "broken.toml");

        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.StartsWith("TOML syntax:", p, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("broken.toml", StringComparison.Ordinal));
    }

    [Fact]
    public void FromText_ThreeMistakes_ReportsAllThreeAtOnce()
    {
        var text = ConfigText.Valid(_dir)
            .Set("onchain", "requests_contract", "\"0x12\"")
            .Set("silo", "colour", "\"blue\"")
            .Remove("wireguard", "public_endpoint")
            .ToString();

        var (_, problems) = ConfigLoader.FromText(text);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("[onchain] requests_contract:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("[silo] colour is not a known key", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("[wireguard] public_endpoint is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void FromText_NonLoopbackWithAllowRemote_IsAccepted()
    {
        var text = ConfigText.Valid(_dir).Set("dashboard", "listen", "\"0.0.0.0:8080\"").Set("dashboard", "allow_remote", "true").ToString();

        var (config, problems) = ConfigLoader.FromText(text);

        Assert.Empty(problems);
        Assert.False(config.Dashboard.Endpoint.IsLoopback);
    }

    [Fact]
    public void FromText_OnChainDisabled_NeedsNoContractOrKeys()
    {
        var text = ConfigText.Valid(_dir).Set("onchain", "enabled", "false").Remove("onchain", "requests_contract")
            .Set("onchain", "ecies_key_file", ConfigText.Quote(_dir.File("absent.key"))).ToString();

        var (_, problems) = ConfigLoader.FromText(text);

        Assert.Empty(problems);
    }

    [Fact]
    public void Load_MissingFile_SaysHowToCreateIt()
    {
        var error = Assert.Throws<BrokerConfigException>(() => ConfigLoader.Load(_dir.File("absent.toml")));

        Assert.Contains("config.example.toml", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    private static ConfigText WriteAndPoint(ConfigText config, TempDirectory dir, string file, string content, string table, string key)
    {
        File.WriteAllText(dir.File(file), content);
        File.SetUnixFileMode(dir.File(file), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return config.Set(table, key, ConfigText.Quote(dir.File(file)));
    }
}
