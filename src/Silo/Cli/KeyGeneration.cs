using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.Json;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Transactions;

namespace BlockhostBroker.Silo.Cli;

/// <summary>
/// The key-writing options: --generate-ecies-key PATH (the seed's flag; prints the 65-byte public key) and
/// --generate-wallet-key PATH (prints the operator's address). Keys are generated in-process and written mode 0600;
/// an existing file is never overwritten.
/// </summary>
public static class KeyGeneration
{
    /// <summary>The option that writes a new ECIES key.</summary>
    public static Option<string> EciesKeyOption(GlobalOptions globals, CliConsole console) => KeyOption(
        "--generate-ecies-key", "write a new ECIES (secp256k1) secret to PATH (mode 0600) and print its public key",
        path =>
        {
            var key = Secp256k1KeyPair.Generate();
            KeyFile.WriteEciesKey(path, key);
            return ("publicKey", key.PublicKey.ToHex(with0x: true));
        }, globals, console);

    /// <summary>The option that writes a new operator wallet key.</summary>
    public static Option<string> WalletKeyOption(GlobalOptions globals, CliConsole console) => KeyOption(
        "--generate-wallet-key", "write a new operator wallet secret to PATH (mode 0600) and print its address (fund it before use)",
        path =>
        {
            var key = Secp256k1KeyPair.Generate();
            KeyFile.WriteEciesKey(path, key);
            var secret = key.ExportSecret();
            try { return ("address", OfflineTransactionSigner.FromSecret(secret).Address); }
            finally { System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret); }
        }, globals, console);

    private static Option<string> KeyOption(string name, string description, Func<string, (string Field, string Value)> write,
        GlobalOptions globals, CliConsole console)
    {
        var option = new Option<string>(name) { Description = description, HelpName = "PATH" };
        option.Action = new WriteKeyAction(option, write, globals, console);
        return option;
    }

    private sealed class WriteKeyAction(Option<string> option, Func<string, (string Field, string Value)> write, GlobalOptions globals, CliConsole console)
        : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var path = parseResult.GetValue(option)!;
            try
            {
                var (field, value) = write(path);
                console.Out.WriteLine(parseResult.GetValue(globals.Json)
                    ? JsonSerializer.Serialize(new Dictionary<string, string> { ["path"] = Path.GetFullPath(path), [field] = value }, AdminApiClient.Json)
                    : value);
                return (int)ExitCode.Success;
            }
            catch (KeyFileException e)
            {
                console.Error.WriteLine($"{CommandTable.ProgramName}: {e.Message}");
                return (int)ExitCode.Failure;
            }
        }
    }
}
