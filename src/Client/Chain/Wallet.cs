using BlockhostBroker.Client.Cli;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Transactions;

namespace BlockhostBroker.Client.Chain;

/// <summary>Loads the wallet that pays for the request and owns the NFT contract; the key never leaves this object.</summary>
public static class Wallet
{
    /// <summary>Reads a wallet key file (one line of 64 hex digits, 0x optional); throws <see cref="UsageException"/> naming the file.</summary>
    public static OfflineTransactionSigner Load(string path)
    {
        try
        {
            // A wallet key file has the same shape as an ECIES key file: one secp256k1 secret in hex.
            var secret = KeyFile.ReadEciesKey(path).ExportSecret();
            return OfflineTransactionSigner.FromSecret(secret);
        }
        catch (KeyFileException e)
        {
            throw new UsageException($"--wallet-key: {e.Message}", "the file must hold the wallet's private key as hex on one line", e);
        }
    }
}
