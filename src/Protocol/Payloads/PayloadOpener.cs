using BlockhostBroker.Protocol.Crypto;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Protocol.Payloads;

/// <summary>Decrypts and parses a payload in one call; an envelope that does not open gives "payload: not decryptable".</summary>
public static class PayloadOpener
{
    /// <summary>The broker's side: opens a request with the broker's ECIES key.</summary>
    public static PayloadParseResult<RequestPayload> OpenRequest(Secp256k1KeyPair brokerKey, ReadOnlySpan<byte> envelope) =>
        TryDecrypt(brokerKey, envelope, out var plaintext, out var failure) ? RequestPayload.Parse(plaintext) : failure;

    /// <summary>The client's side: opens a response with the server's ECIES key (then see <see cref="ResponseValidator"/>).</summary>
    public static PayloadParseResult<ResponsePayload> OpenResponse(Secp256k1KeyPair serverKey, ReadOnlySpan<byte> envelope) =>
        TryDecrypt(serverKey, envelope, out var plaintext, out var failure) ? ResponsePayload.Parse(plaintext) : failure;

    private static bool TryDecrypt(Secp256k1KeyPair key, ReadOnlySpan<byte> envelope, out byte[] plaintext, out PayloadFailure failure)
    {
        if (Ecies.TryDecrypt(key, envelope, out plaintext, out var error))
        {
            failure = null!;
            return true;
        }
        failure = new PayloadFailure(PayloadError.NotDecryptable, PayloadReasons.NotDecryptable, $"ECIES: {error}");
        return false;
    }
}
