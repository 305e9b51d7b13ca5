using System.Text.Json;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Client.State;

/// <summary>
/// The client's folder (--state-dir, mode 0700): wg.key and ecies.key (0600, generated in-process on first use),
/// request.json (what was asked), allocation.json (the answer) and &lt;iface&gt;.conf (the wg-quick file, 0600).
/// </summary>
public sealed class StateDirectory
{
    /// <summary>The default location.</summary>
    public const string DefaultPath = "/etc/blockhost-broker-client";

    /// <summary>The WireGuard private key file.</summary>
    public const string WireGuardKeyFile = "wg.key";

    /// <summary>The ECIES (secp256k1) secret key file.</summary>
    public const string EciesKeyFile = "ecies.key";

    /// <summary>The saved request.</summary>
    public const string RequestFile = "request.json";

    /// <summary>The saved allocation.</summary>
    public const string AllocationFile = "allocation.json";

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Opens (without creating) the folder at <paramref name="path"/>.</summary>
    public StateDirectory(string path) => Root = Path.GetFullPath(path);

    /// <summary>The folder's absolute path.</summary>
    public string Root { get; }

    /// <summary>The wg-quick file kept in the folder for an interface.</summary>
    public string WgQuickPath(string interfaceName) => Path.Combine(Root, interfaceName + ".conf");

    /// <summary>The path of a file in the folder.</summary>
    public string PathOf(string file) => Path.Combine(Root, file);

    /// <summary>Creates the folder (0700) when missing.</summary>
    public void EnsureCreated()
    {
        try
        {
            Directory.CreateDirectory(Root, OwnerOnlyDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClientFailureException($"cannot create the state directory {Root}: {e.Message}",
                "run as root, or pass a writable --state-dir", e);
        }
    }

    /// <summary>Loads both keys, generating and saving (0600) whichever is missing.</summary>
    public (WireGuardKeyPair WireGuard, Secp256k1KeyPair Ecies) LoadOrCreateKeys()
    {
        EnsureCreated();
        try
        {
            return (KeyFile.LoadOrCreateWireGuardKey(PathOf(WireGuardKeyFile)), KeyFile.LoadOrCreateEciesKey(PathOf(EciesKeyFile)));
        }
        catch (KeyFileException e)
        {
            throw new UsageException(e.Message, "restore the key file, or remove it to generate a new key", e);
        }
    }

    /// <summary>Reads the WireGuard private key file (needed to bring the tunnel up).</summary>
    public WireGuardKeyPair ReadWireGuardKey()
    {
        try
        {
            return KeyFile.ReadWireGuardKey(PathOf(WireGuardKeyFile));
        }
        catch (KeyFileException e)
        {
            throw new UsageException(e.Message, "the key the allocation was requested with is needed; restore wg.key", e);
        }
    }

    /// <summary>The saved request, or null.</summary>
    public RequestRecord? ReadRequest() => StateFile.Read<RequestRecord>(PathOf(RequestFile));

    /// <summary>The saved allocation, or null.</summary>
    public AllocationRecord? ReadAllocation() => StateFile.Read<AllocationRecord>(PathOf(AllocationFile));

    /// <summary>Saves the request (atomically).</summary>
    public void WriteRequest(RequestRecord request)
    {
        EnsureCreated();
        StateFile.Write(PathOf(RequestFile), request);
    }

    /// <summary>Saves the allocation (atomically).</summary>
    public void WriteAllocation(AllocationRecord allocation)
    {
        EnsureCreated();
        StateFile.Write(PathOf(AllocationFile), allocation);
    }

    /// <summary>Deletes request.json, allocation.json and the folder's wg-quick file; returns the files removed. Keys stay.</summary>
    public IReadOnlyList<string> DeleteAllocationState(string interfaceName)
    {
        var removed = new List<string>();
        foreach (var path in (string[])[PathOf(AllocationFile), PathOf(RequestFile), WgQuickPath(interfaceName)])
        {
            if (!File.Exists(path))
                continue;
            File.Delete(path);
            removed.Add(path);
        }
        return removed;
    }
}

/// <summary>Reads and writes the folder's JSON files: camelCase, written to a temporary sibling and renamed into place.</summary>
internal static class StateFile
{
    /// <summary>The serializer settings of every state file.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Reads a file, or null when it does not exist; throws <see cref="UsageException"/> when it is not valid.</summary>
    public static T? Read<T>(string path) where T : class
    {
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
                ?? throw new JsonException("the file holds null");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path} is not a valid {typeof(T).Name}: {e.Message}",
                "restore the file, or remove it with `broker-client release`", e);
        }
    }

    /// <summary>Writes a file atomically with mode 0600.</summary>
    public static void Write<T>(string path, T value) => WriteSecretText(path, JsonSerializer.Serialize(value, Options) + "\n");

    /// <summary>Writes text atomically with mode 0600 (also used for files holding a private key).</summary>
    public static void WriteSecretText(string path, string text)
    {
        // A fresh temporary file (CreateNew) gets the 0600 mode at creation, before any byte is written.
        var temporary = path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite };
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(text);
        File.Move(temporary, path, overwrite: true);
    }
}
