using System.Text;
using BlockhostBroker.Protocol.Crypto;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;
using BlockhostBroker.Protocol.Tests.Crypto;

namespace BlockhostBroker.Protocol.Tests.Payloads;

/// <summary>Sealing (serialize + encrypt) and opening (decrypt + parse) in one call each, on both ends of the protocol.</summary>
public sealed class PayloadSealerTests
{
    [Fact]
    public void OpenRequest_SealedRequest_GivesSameRequest()
    {
        var broker = Secp256k1KeyPair.Generate();
        var request = PayloadSamples.Request();

        var opened = PayloadOpener.OpenRequest(broker, PayloadSealer.SealRequest(request, broker.PublicKey));

        Assert.True(opened.IsSuccess, opened.ToString());
        Assert.Equal(request, opened.Value);
    }

    [Fact]
    public void OpenResponse_ResponseSealedToServerPubkeyOfRequest_GivesSameResponse()
    {
        var server = Secp256k1KeyPair.Generate();
        var request = new RequestPayload(WireGuardKeyPair.Generate().PublicKey, PayloadSamples.ChecksummedContract, server.PublicKey);
        var response = PayloadSamples.Response();

        var envelope = PayloadSealer.SealResponse(response, request.ServerPubkey);
        var opened = PayloadOpener.OpenResponse(server, envelope);

        Assert.True(opened.IsSuccess, opened.ToString());
        Assert.Equal(response, opened.Value);
    }

    [Fact]
    public void OpenRequest_WithWrongKey_GivesNotDecryptable()
    {
        var envelope = PayloadSealer.SealRequest(PayloadSamples.Request(), Secp256k1KeyPair.Generate().PublicKey);

        var opened = PayloadOpener.OpenRequest(Secp256k1KeyPair.Generate(), envelope);

        Assert.Equal(PayloadError.NotDecryptable, opened.Error);
        Assert.Equal("payload: not decryptable", opened.Reason);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x04, 0x01, 0x02 })]
    public void OpenResponse_GarbageEnvelope_GivesNotDecryptable(byte[] envelope)
    {
        var opened = PayloadOpener.OpenResponse(Secp256k1KeyPair.Generate(), envelope);

        Assert.Equal(PayloadError.NotDecryptable, opened.Error);
    }

    [Fact]
    public void OpenRequest_EncryptedNonJson_GivesNotJson()
    {
        var broker = Secp256k1KeyPair.Generate();
        var envelope = Ecies.Encrypt(broker.PublicKey, "not json"u8);

        var opened = PayloadOpener.OpenRequest(broker, envelope);

        Assert.Equal(PayloadError.NotJson, opened.Error);
    }

    [Fact]
    public void OpenRequest_EciesJsVectorsHoldingRequests_ParseWithLowercaseContractAccepted()
    {
        var requests = EciesVectors.All.Where(v => v.PlaintextUtf8.StartsWith('{')).ToList();

        Assert.NotEmpty(requests);
        foreach (var vector in requests)
        {
            var opened = PayloadOpener.OpenRequest(Secp256k1KeyPair.FromSecretHex(vector.RecipientSecretKey), Convert.FromHexString(vector.Envelope));

            Assert.True(opened.IsSuccess, opened.ToString());
            Assert.Equal(
                RequestPayload.Parse(Encoding.UTF8.GetBytes(vector.PlaintextUtf8)).Value,
                opened.Value);
            Assert.Contains(opened.Value.NftContract.ToLowerInvariant(), vector.PlaintextUtf8);
        }
    }
}
