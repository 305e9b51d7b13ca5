using BlockhostBroker.Protocol.Crypto;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Protocol.Payloads;

/// <summary>Serializes a payload to JSON and encrypts it (ECIES, eciesjs format) to its recipient, ready for the contract.</summary>
public static class PayloadSealer
{
    /// <summary>The client's side: a request encrypted to the broker's registered key.</summary>
    public static byte[] SealRequest(RequestPayload request, Secp256k1PublicKey brokerKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Ecies.Encrypt(brokerKey, request.ToUtf8Json());
    }

    /// <summary>The broker's side: a response encrypted to the <c>serverPubkey</c> the request named.</summary>
    public static byte[] SealResponse(ResponsePayload response, Secp256k1PublicKey serverKey)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Ecies.Encrypt(serverKey, response.ToUtf8Json());
    }
}
