using BlockhostBroker.Protocol.Keys;

using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Silo.Tests.Support;

/// <summary>
/// Builds config.toml text for tests: a valid config (key files and folders created in a temp folder) whose
/// values can be replaced, removed or added to, key by key.
/// </summary>
public sealed class ConfigText
{
    /// <summary>A requests contract address (any non-zero address passes validation).</summary>
    public const string RequestsContract = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";

    /// <summary>A registry address.</summary>
    public const string RegistryContract = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    private readonly List<(string Table, List<(string Key, string Value)> Keys)> _tables = [];
    private readonly List<string> _extra = [];
    private readonly List<string> _leading = [];

    /// <summary>A valid config whose files live in <paramref name="dir"/>.</summary>
    public static ConfigText Valid(TempDirectory dir)
    {
        var ecies = dir.File("ecies.key");
        var wallet = dir.File("operator.key");
        if (!File.Exists(ecies)) KeyFile.WriteEciesKey(ecies, Secp256k1KeyPair.Generate());
        if (!File.Exists(wallet)) KeyFile.WriteEciesKey(wallet, Secp256k1KeyPair.Generate());
        return new ConfigText()
            .Table("broker", ("upstream_prefix", "\"2001:db8:f04::/48\""), ("allocation_size", "120"))
            .Table("wireguard", ("interface", "\"wg-test\""), ("listen_port", "51820"), ("public_endpoint", "\"203.0.113.10:51820\""),
                ("private_key_file", Quote(dir.File("wg.key"))), ("config_directory", Quote(dir.Path)))
            .Table("onchain", ("rpc_url", "\"http://127.0.0.1:8545\""), ("chain_id", "31337"), ("requests_contract", Quote(RequestsContract)),
                ("registry_contract", Quote(RegistryContract)), ("ecies_key_file", Quote(ecies)), ("operator_key_file", Quote(wallet)))
            .Table("storage", ("provider", "\"sqlite\""), ("sqlite_path", Quote(dir.File("broker.db"))))
            .Table("silo", ("name", "\"broker-1\""), ("silo_port", "11111"), ("gateway_port", "30000"))
            .Table("dashboard", ("enabled", "true"), ("listen", "\"127.0.0.1:8080\""))
            .Table("api", ("listen", "\"127.0.0.1:8081\""));
    }

    /// <summary>A TOML basic string.</summary>
    public static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>Adds (or extends) a table.</summary>
    public ConfigText Table(string table, params (string Key, string Value)[] keys)
    {
        var existing = _tables.FirstOrDefault(t => t.Table == table);
        if (existing.Keys is null)
            _tables.Add((table, keys.ToList()));
        else
            existing.Keys.AddRange(keys);
        return this;
    }

    /// <summary>Sets a key to a raw TOML value, adding it when absent.</summary>
    public ConfigText Set(string table, string key, string rawValue)
    {
        var keys = _tables.First(t => t.Table == table).Keys;
        var index = keys.FindIndex(k => k.Key == key);
        if (index >= 0) keys[index] = (key, rawValue);
        else keys.Add((key, rawValue));
        return this;
    }

    /// <summary>Removes a key.</summary>
    public ConfigText Remove(string table, string key)
    {
        _tables.First(t => t.Table == table).Keys.RemoveAll(k => k.Key == key);
        return this;
    }

    /// <summary>Puts raw lines before the first table.</summary>
    public ConfigText Prepend(string lines)
    {
        _leading.Add(lines);
        return this;
    }

    /// <summary>Appends raw lines at the end.</summary>
    public ConfigText Append(string lines)
    {
        _extra.Add(lines);
        return this;
    }

    /// <summary>The TOML text.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        foreach (var lines in _leading)
            text.Append(lines).Append('\n');
        foreach (var (table, keys) in _tables)
        {
            text.Append('[').Append(table).Append("]\n");
            foreach (var (key, value) in keys)
                text.Append(key).Append(" = ").Append(value).Append('\n');
            text.Append('\n');
        }
        foreach (var lines in _extra)
            text.Append(lines).Append('\n');
        return text.ToString();
    }
}
