namespace BlockhostBroker.Client.Tests.Support;

/// <summary>A private temporary folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the folder (mode 0700).</summary>
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("bhb-client-").FullName;

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string At(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
