using System.Numerics;
using System.Text;
using System.Text.Json;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Crypto;
using BlockhostBroker.Protocol.Payloads;
using BlockhostBroker.Protocol.Rpc;

namespace BlockhostBroker.Client.Tests.Support;

/// <summary>A request as the scripted broker received it.</summary>
/// <param name="RequestId">The on-chain id.</param>
/// <param name="Requester">The submitting wallet.</param>
/// <param name="NftContract">The NFT contract named on-chain.</param>
/// <param name="Json">The decrypted payload, as sent.</param>
/// <param name="Payload">The payload parsed strictly, as the broker would.</param>
public sealed record ReceivedRequest(ulong RequestId, string Requester, string NftContract, JsonElement Json, RequestPayload Payload);

/// <summary>What the scripted broker answers.</summary>
public abstract record BrokerDecision
{
    /// <summary>Approve with this response, encrypted to the request's serverPubkey.</summary>
    public sealed record Approve(ResponsePayload Response) : BrokerDecision;

    /// <summary>Approve with these exact bytes as the encrypted payload (for malformed answers).</summary>
    public sealed record ApproveRaw(byte[] Envelope) : BrokerDecision;

    /// <summary>Reject with a reason.</summary>
    public sealed record Reject(string Reason) : BrokerDecision;

    /// <summary>Never answer.</summary>
    public sealed record Ignore : BrokerDecision;
}

/// <summary>
/// A test double of the remote party, not of the client: plays a broker's on-chain part with the real contracts.
/// It reads RequestSubmitted logs, decrypts each request with the broker's ECIES key, asks the test what to do and
/// submits the response (or rejection) as the broker's operator. Runs in the background until disposed.
/// </summary>
public sealed class ScriptedBroker : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly ClientChain _chain;
    private readonly RegisteredBroker _broker;
    private readonly Func<ReceivedRequest, Task<BrokerDecision>> _decide;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReceivedRequest> _received = [];
    private readonly Task _loop;
    private long _cursor;

    private ScriptedBroker(ClientChain chain, RegisteredBroker broker, long fromBlock, Func<ReceivedRequest, Task<BrokerDecision>> decide)
    {
        _chain = chain;
        _broker = broker;
        _decide = decide;
        _cursor = fromBlock;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The requests seen so far.</summary>
    public IReadOnlyList<ReceivedRequest> Received { get { lock (_received) return [.. _received]; } }

    /// <summary>Starts answering requests included from the next block on.</summary>
    public static async Task<ScriptedBroker> StartAsync(ClientChain chain, RegisteredBroker broker, Func<ReceivedRequest, Task<BrokerDecision>> decide) =>
        new(chain, broker, await chain.Rpc.GetBlockNumberAsync() + 1, decide);

    /// <summary>Starts answering every request with the same decision.</summary>
    public static Task<ScriptedBroker> StartAsync(ClientChain chain, RegisteredBroker broker, BrokerDecision decision) =>
        StartAsync(chain, broker, _ => Task.FromResult(decision));

    /// <summary>Stops the loop; rethrows what failed inside it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var head = await _chain.Rpc.GetBlockNumberAsync(_stop.Token);
            if (head >= _cursor)
            {
                var filter = EventLogs.Filter<BrokerRequests.RequestSubmittedEvent>(_broker.RequestsContract, _cursor, head);
                foreach (var submitted in EventLogs.DecodeAll<BrokerRequests.RequestSubmittedEvent>(await _chain.Rpc.GetLogsAsync(filter, _stop.Token)))
                    await AnswerAsync(submitted.Event);
                _cursor = head + 1;
            }
            await Task.Delay(PollInterval, _stop.Token);
        }
    }

    private async Task AnswerAsync(BrokerRequests.RequestSubmittedEvent submitted)
    {
        var plaintext = Ecies.Decrypt(_broker.Key, submitted.EncryptedPayload);
        var payload = RequestPayload.Parse(plaintext);
        if (!payload.IsSuccess)
            throw new InvalidOperationException($"the client sent an unparseable request: {payload}");
        using var json = JsonDocument.Parse(plaintext);
        var request = new ReceivedRequest((ulong)submitted.RequestId, submitted.Requester, submitted.NftContract, json.RootElement.Clone(), payload.Value!);
        lock (_received) _received.Add(request);
        var message = await _decide(request) switch
        {
            BrokerDecision.Approve approve => Response(submitted.RequestId, PayloadSealer.SealResponse(approve.Response, payload.Value!.ServerPubkey), ""),
            BrokerDecision.ApproveRaw raw => Response(submitted.RequestId, raw.Envelope, ""),
            BrokerDecision.Reject reject => new BrokerRequests.SubmitResponseFunction { RequestId = submitted.RequestId, RejectionReason = reject.Reason },
            _ => null,
        };
        if (message is not null)
            await _chain.CallAsync(_broker.Operator, _broker.RequestsContract, message);
    }

    private static BrokerRequests.SubmitResponseFunction Response(BigInteger requestId, byte[] envelope, string reason) =>
        new() { RequestId = requestId, Approved = true, EncryptedPayload = envelope, RejectionReason = reason };

    /// <summary>A valid response for the default seeded prefix, pointing at a made-up endpoint.</summary>
    public static ResponsePayload DefaultResponse(string prefix = AllocationSeeder.DefaultPrefix, string gateway = AllocationSeeder.DefaultGateway,
        string brokerKey = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=", string endpoint = "[2001:db8:ffff::1]:51820")
    {
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { prefix, gateway, brokerPubkey = brokerKey, brokerEndpoint = endpoint }));
        var parsed = ResponsePayload.Parse(json);
        return parsed.Value ?? throw new ArgumentException($"not a response: {parsed}");
    }
}
