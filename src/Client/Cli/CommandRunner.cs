using System.CommandLine;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;

namespace BlockhostBroker.Client.Cli;

/// <summary>Runs one command of the table: reads the global settings, calls it, and prints its report or error.</summary>
public static class CommandRunner
{
    /// <summary>Runs a parsed command and returns the process exit code.</summary>
    public static async Task<int> RunAsync(
        IClientCommand command, ParseResult parse, GlobalOptions globals, ClientEnvironment environment, CancellationToken cancellationToken)
    {
        var name = command.Definition.Name;
        var output = new OutputWriter(environment, parse.GetValue(globals.Json));
        try
        {
            var context = new CommandContext(parse, globals.Read(parse), environment, output);
            return output.Write(name, await command.RunAsync(context, cancellationToken));
        }
        catch (ClientException e)
        {
            return output.Write(name, e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return output.Write(name, new InterruptedException());
        }
        catch (Exception e) when (Translate(e) is { } error)
        {
            return output.Write(name, error);
        }
    }

    // Failures of the layers below that no command catches itself, as the errors a person can act on.
    private static ClientException? Translate(Exception e) => e switch
    {
        ContractRevertException revert => new RevertedException(revert.Method, revert.Reason ?? revert.Revert.ToString(), revert),
        EthereumRpcException rpc => new ChainUnavailableException($"the chain did not answer: {rpc.Message}", rpc),
        ContractOutputException output => new ClientFailureException(output.Message,
            "check the contract address options (--registry-contract, --requests-contract) and --rpc-url", output),
        IOException or UnauthorizedAccessException => new ClientFailureException(e.Message,
            "check the permissions of --state-dir (configure and install need root)", e),
        _ => null,
    };
}
