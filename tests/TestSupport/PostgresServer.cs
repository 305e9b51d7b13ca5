namespace BlockhostBroker.TestSupport;

/// <summary>
/// One throwaway PostgreSQL server per test run, made by scripts/pg-test in a fresh directory under
/// /tmp and started on first use (a run that needs no database pays nothing). Register it with
/// <c>[assembly: AssemblyFixture(typeof(PostgresServer))]</c>; give each test class its own database
/// with <see cref="PostgresDatabase"/>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const int MaxPrefixLength = 24; // PostgreSQL names hold 63 bytes; the rest is a GUID
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim gate = new(1, 1);
    // Short on purpose: the server's Unix socket lives in this directory and socket paths are short.
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"bhb-pg-{Guid.NewGuid():N}"[..20]);
    private bool started;

    /// <summary>The server's directory (data, socket, logs); deleted when the run ends.</summary>
    public string DataDirectory => directory;

    /// <summary>Creates a database with a unique name and returns its Npgsql connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string namePrefix = "test")
    {
        await EnsureStartedAsync();
        var prefix = Sanitize(namePrefix);
        var name = $"{prefix[..Math.Min(prefix.Length, MaxPrefixLength)]}_{Guid.NewGuid():N}";
        return (await RunAsync("createdb", directory, name)).Trim();
    }

    /// <summary>Restarts the running server (fast shutdown: every client connection is cut) on the same data and port.</summary>
    public async Task RestartAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (!started) throw new InvalidOperationException("the server is not started");
            await RunAsync("restart", directory);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask InitializeAsync()
    {
        // A test host that dies without disposing fixtures must not leave a server behind.
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        await gate.WaitAsync();
        try
        {
            if (started) await RunAsync("stop", directory);
            started = false;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task EnsureStartedAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (started) return;
            await RunAsync("start", directory);
            started = true;
        }
        finally
        {
            gate.Release();
        }
    }

    private void StopOnExit(object? sender, EventArgs e)
    {
        if (started) RunAsync("stop", directory).GetAwaiter().GetResult();
    }

    private static async Task<string> RunAsync(params string[] args)
    {
        var result = await ProcessRunner.RunAsync(RepoPaths.At("scripts", "pg-test"), args, timeout: ScriptTimeout);
        return result.EnsureSuccess($"scripts/pg-test {args[0]}").StdOut;
    }

    private static string Sanitize(string prefix)
    {
        var chars = prefix.ToLowerInvariant().Where(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_').ToArray();
        return chars.Length > 0 && !char.IsAsciiDigit(chars[0]) ? new string(chars) : "db" + new string(chars);
    }
}

/// <summary>A fresh database on the run's <see cref="PostgresServer"/> for one test class (use as a class fixture).</summary>
public sealed class PostgresDatabase(PostgresServer server) : IAsyncLifetime
{
    /// <summary>The Npgsql connection string of this class's database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => ConnectionString = await server.CreateDatabaseAsync("class");

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
