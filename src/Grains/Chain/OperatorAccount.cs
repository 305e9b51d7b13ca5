using System.Security.Cryptography;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Protocol.Transactions;

namespace BlockhostBroker.Grains.Chain;

/// <summary>
/// One configured operator wallet: its options, the offline signer loaded from the key file, and the node it
/// talks to. The secret stays inside the signer; it is never logged, stored in grain state or shown by ToString.
/// </summary>
public sealed class OperatorAccount : IDisposable
{
    private readonly EthereumRpc? ownedRpc;

    private OperatorAccount(WalletOptions options, OfflineTransactionSigner signer, IEthereumRpc rpc, EthereumRpc? ownedRpc)
    {
        Options = options;
        Signer = signer;
        Rpc = rpc;
        this.ownedRpc = ownedRpc;
        Key = WalletKey.For(options.ChainId, signer.Address);
    }

    /// <summary>The wallet's settings.</summary>
    public WalletOptions Options { get; }

    /// <summary>The wallet grain's key: chain id and the operator's lowercase address.</summary>
    public WalletKey Key { get; }

    /// <summary>The node's JSON-RPC client.</summary>
    public IEthereumRpc Rpc { get; }

    /// <summary>Signs with the operator's key, offline.</summary>
    internal OfflineTransactionSigner Signer { get; }

    /// <summary>
    /// Validates <paramref name="options"/> and reads the key file now. Throws
    /// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> for bad settings and
    /// <see cref="WalletConfigurationException"/> naming onchain.operator_key_file when the key cannot be read.
    /// </summary>
    public static OperatorAccount Load(WalletOptions options, IEthereumRpc? rpc = null)
    {
        WalletOptionsValidator.EnsureValid(options);
        var signer = ReadSigner(options.OperatorKeyFile);
        var owned = rpc is null ? new EthereumRpc(new Uri(options.RpcUrl), options.RpcTimeout) : null;
        return new OperatorAccount(options, signer, rpc ?? owned!, owned);
    }

    /// <inheritdoc />
    public void Dispose() => ownedRpc?.Dispose();

    /// <summary>Names the wallet only.</summary>
    public override string ToString() => $"operator wallet {Key} via {Rpc.Url}";

    private static OfflineTransactionSigner ReadSigner(string path)
    {
        Secp256k1KeyPair pair;
        try
        {
            pair = KeyFile.ReadEciesKey(path);
        }
        catch (KeyFileException e)
        {
            throw new WalletConfigurationException(
                $"onchain.operator_key_file: {e.Message}; it must hold the operator's secp256k1 secret as one line of 64 hex digits (mode 0600)", e);
        }
        var secret = pair.ExportSecret();
        try
        {
            return OfflineTransactionSigner.FromSecret(secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
