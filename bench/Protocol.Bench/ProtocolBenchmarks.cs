using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using BlockhostBroker.Protocol.Crypto;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;

namespace BlockhostBroker.Protocol.Bench;

/// <summary>ECIES encrypt/decrypt of a request-sized payload, and building (serialize + encrypt) a response.</summary>
public class ProtocolBenchmarks
{
    private Secp256k1KeyPair _recipient = null!;
    private byte[] _requestJson = null!;
    private byte[] _envelope = null!;
    private ResponsePayload _response = null!;

    /// <summary>Makes keys, a typical 266-byte request, its envelope and a response once for all iterations.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _recipient = Secp256k1KeyPair.Generate();
        var request = new RequestPayload(WireGuardKeyPair.Generate().PublicKey,
            "0x0e8c84222809b048e9175e4f540cd8766a587431", Secp256k1KeyPair.Generate().PublicKey);
        _requestJson = request.ToUtf8Json();
        _envelope = Ecies.Encrypt(_recipient.PublicKey, _requestJson);
        _response = new ResponsePayload(IPNetwork.Parse("2001:db8::100/120"), IPAddress.Parse("2001:db8::1"),
            WireGuardKeyPair.Generate().PublicKey, BrokerEndpoint.Parse("broker.example.org:51820"));
        if (!Encoding.UTF8.GetString(Ecies.Decrypt(_recipient, _envelope)).Contains("wgPubkey"))
            throw new InvalidOperationException("setup envelope does not round-trip");
    }

    /// <summary>One ECIES encryption (ephemeral key, ECDH, HKDF, AES-GCM) of a request-sized plaintext.</summary>
    [Benchmark]
    public byte[] EciesEncrypt() => Ecies.Encrypt(_recipient.PublicKey, _requestJson);

    /// <summary>One ECIES decryption (curve check, ECDH, HKDF, AES-GCM) of that envelope.</summary>
    [Benchmark]
    public byte[] EciesDecrypt() => Ecies.Decrypt(_recipient, _envelope);

    /// <summary>The broker's per-request output: serialize a response and encrypt it to the server's key.</summary>
    [Benchmark]
    public byte[] BuildResponse() => PayloadSealer.SealResponse(_response, _recipient.PublicKey);

    /// <summary>The broker's per-request input: decrypt and strictly parse a request.</summary>
    [Benchmark]
    public bool OpenRequest() => PayloadOpener.OpenRequest(_recipient, _envelope).IsSuccess;
}
