using System.Numerics;
using BlockhostBroker.Protocol.Keys;
using Nethereum.Model;
using Nethereum.Signer;
using Nethereum.Util;

namespace BlockhostBroker.Protocol.Transactions;

/// <summary>
/// Signs transactions for one key entirely offline: nonce, fees, gas limit and chain id all come from the
/// caller, never from a node. The result carries the raw bytes and hash so the caller can persist them
/// before broadcasting. Never prints the key.
/// </summary>
public sealed class OfflineTransactionSigner
{
    private readonly EthECKey key;

    private OfflineTransactionSigner(byte[] secret)
    {
        key = new EthECKey(secret, true);
        Address = key.GetPublicAddress();
    }

    /// <summary>The signer's checksummed address.</summary>
    public string Address { get; }

    /// <summary>Creates a signer from a 32-byte secret; throws <see cref="KeyFormatException"/> when it is not a valid secp256k1 secret.</summary>
    public static OfflineTransactionSigner FromSecret(ReadOnlySpan<byte> secret) =>
        new(Secp256k1KeyPair.FromSecret(secret).ExportSecret());

    /// <summary>Creates a signer from 64 hex digits (0x optional); throws <see cref="KeyFormatException"/>.</summary>
    public static OfflineTransactionSigner FromSecretHex(string secretHex) =>
        new(Secp256k1KeyPair.FromSecretHex(secretHex).ExportSecret());

    /// <summary>Signs an EIP-1559 (type 2) transaction.</summary>
    public SignedTransaction Sign(Eip1559TransactionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var transaction = new Transaction1559(
            request.ChainId, request.Nonce, request.Fees.MaxPriorityFeePerGas, request.Fees.MaxFeePerGas,
            request.GasLimit, request.To ?? "", request.Value, DataHex(request.Data), []);
        var rawHex = new Transaction1559Signer().SignTransaction(key, transaction);
        return Signed(TransactionEnvelope.Eip1559, rawHex, request.ChainId, request.Nonce);
    }

    /// <summary>Signs a legacy transaction with EIP-155 replay protection.</summary>
    public SignedTransaction Sign(LegacyTransactionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var transaction = new LegacyTransactionChainId(
            request.To ?? "", request.Value, request.Nonce, request.GasPrice, request.GasLimit, DataHex(request.Data), request.ChainId);
        var rawHex = new LegacyTransactionSigner().SignTransaction(key.GetPrivateKeyAsBytes(), transaction);
        return Signed(TransactionEnvelope.Legacy, rawHex, request.ChainId, request.Nonce);
    }

    /// <summary>Names the address only.</summary>
    public override string ToString() => $"OfflineTransactionSigner({Address})";

    private SignedTransaction Signed(TransactionEnvelope type, string rawHex, long chainId, long nonce)
    {
        var raw = Convert.FromHexString(rawHex.StartsWith("0x", StringComparison.Ordinal) ? rawHex.AsSpan(2) : rawHex);
        var hash = "0x" + Convert.ToHexStringLower(Sha3Keccack.Current.CalculateHash(raw));
        return new SignedTransaction(type, raw, hash, Address, chainId, nonce);
    }

    private static string DataHex(byte[] data) => "0x" + Convert.ToHexStringLower(data);
}
