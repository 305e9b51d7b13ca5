using System.CommandLine;
using System.Net;
using System.Text.Json;
using BlockhostBroker.Silo.Api;
using BlockhostBroker.Silo.Config;

namespace BlockhostBroker.Silo.Cli;

/// <summary>Runs one admin command against the daemon's API: finds the API, calls it, prints text or JSON, maps errors to exit codes.</summary>
public sealed class AdminRunner(GlobalOptions globals, CliConsole console)
{
    /// <summary>Runs <paramref name="call"/> and prints its document; <paramref name="failed"/> marks a document that reports a failure.</summary>
    public async Task<int> RunAsync<T>(ParseResult parse, Func<AdminApiClient, CancellationToken, Task<T>> call,
        Action<T, TextWriter> text, CancellationToken cancellationToken, Func<T, bool>? failed = null)
    {
        try
        {
            using var client = new AdminApiClient(globals.ResolveApi(parse));
            var document = await call(client, cancellationToken);
            if (parse.GetValue(globals.Json))
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(document, AdminApiClient.Json));
            else
                text(document, console.Out);
            return failed?.Invoke(document) == true ? (int)ExitCode.Failure : (int)ExitCode.Success;
        }
        catch (BrokerConfigException e)
        {
            return await FailAsync(e.Message, null, ExitCode.Config);
        }
        catch (DaemonUnavailableException e)
        {
            return await FailAsync(e.Message, null, ExitCode.Unavailable);
        }
        catch (AdminApiException e)
        {
            return await FailAsync(e.Message, e.Hint, e.Status == HttpStatusCode.NotFound ? ExitCode.NotFound : ExitCode.Failure);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return await FailAsync($"the API call failed: {e.Message}", null, ExitCode.Failure);
        }
    }

    /// <summary>True when any transaction of an admin action did not succeed.</summary>
    public static bool AnyFailed(IEnumerable<TxOutcome> transactions) => transactions.Any(t => !t.Succeeded);

    private async Task<int> FailAsync(string message, string? hint, ExitCode code)
    {
        await console.Error.WriteLineAsync($"{CommandTable.ProgramName}: {message}");
        if (hint is not null)
            await console.Error.WriteLineAsync($"  hint: {hint}");
        return (int)code;
    }
}
