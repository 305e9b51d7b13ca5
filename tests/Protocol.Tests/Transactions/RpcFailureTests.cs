using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using static BlockhostBroker.Protocol.Tests.Transactions.FakeRpcServer;

namespace BlockhostBroker.Protocol.Tests.Transactions;

/// <summary>Every way an RPC endpoint can misbehave ends in its own typed exception within the timeout; nothing hangs or crashes.</summary>
public sealed class RpcFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10); // generous: the machine may be loaded

    [Fact]
    public async Task Call_ServerNeverAnswers_ThrowsRpcTimeoutWithinTimeout()
    {
        await using var server = new FakeRpcServer(_ => null);
        using var rpc = new EthereumRpc(server.Url, Timeout);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcTimeoutException>(() => rpc.GetBlockNumberAsync(cancellationToken: Ct));

        Assert.InRange(clock.Elapsed, Timeout * 0.9, Bound);
        Assert.Equal(("eth_blockNumber", Timeout), (error.Method, error.Timeout));
    }

    [Fact]
    public async Task Call_ServerSendsHeadersThenStalls_ThrowsRpcTimeout()
    {
        await using var server = new FakeRpcServer(_ => "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"jsonrpc\":", holdOpen: true);
        using var rpc = new EthereumRpc(server.Url, Timeout);

        await Assert.ThrowsAsync<RpcTimeoutException>(() => rpc.GetChainIdAsync(cancellationToken: Ct)).WaitAsync(Bound, Ct);
    }

    [Fact]
    public async Task Call_Http500_ThrowsRpcHttpStatusWithCode()
    {
        await using var server = new FakeRpcServer(_ => Http(500, "upstream exploded"));
        using var rpc = new EthereumRpc(server.Url, Timeout);

        var error = await Assert.ThrowsAsync<RpcHttpStatusException>(() => rpc.GetChainIdAsync(cancellationToken: Ct));

        Assert.Equal(500, error.StatusCode);
        Assert.Contains("upstream exploded", error.Message);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"} trailing")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":\"not an object\"}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":77,\"result\":\"0x1\"}")]
    public async Task Call_BodyIsNotAJsonRpcResponse_ThrowsRpcMalformedResponse(string body)
    {
        await using var server = new FakeRpcServer(_ => Http(200, body));
        using var rpc = new EthereumRpc(server.Url, Timeout);

        await Assert.ThrowsAsync<RpcMalformedResponseException>(() => rpc.GetBlockNumberAsync(cancellationToken: Ct));
    }

    [Theory]
    [InlineData("{\"number\":1}")]
    [InlineData("null")]
    [InlineData("12")]
    [InlineData("\"0xzz\"")]
    [InlineData("\"12\"")]
    [InlineData("\"0x\"")]
    [InlineData("\"0x10000000000000000\"")]
    public async Task BlockNumber_ResultOfWrongType_ThrowsRpcMalformedResponse(string result)
    {
        await using var server = new FakeRpcServer(_ => Result(result));
        using var rpc = new EthereumRpc(server.Url, Timeout);

        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => rpc.GetBlockNumberAsync(cancellationToken: Ct));

        Assert.Equal("eth_blockNumber", error.Method);
    }

    [Theory]
    [InlineData("{\"transactionHash\":\"0x12\"}")]
    [InlineData("[]")]
    [InlineData("{\"transactionHash\":\"0x1111111111111111111111111111111111111111111111111111111111111111\",\"blockNumber\":\"0x1\",\"blockHash\":\"0x1111111111111111111111111111111111111111111111111111111111111111\",\"status\":\"0x7\",\"gasUsed\":\"0x1\",\"logs\":[]}")]
    public async Task Receipt_ResultOfWrongShape_ThrowsRpcMalformedResponse(string result)
    {
        await using var server = new FakeRpcServer(_ => Result(result));
        using var rpc = new EthereumRpc(server.Url, Timeout);

        await Assert.ThrowsAsync<RpcMalformedResponseException>(() => rpc.GetTransactionReceiptAsync("0x" + new string('1', 64), cancellationToken: Ct));
    }

    [Fact]
    public async Task Call_JsonRpcErrorObject_ThrowsJsonRpcErrorWithCodeMessageAndData()
    {
        await using var server = new FakeRpcServer(_ => Http(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32005,\"message\":\"rate limited\",\"data\":{\"retryAfter\":3}}}"));
        using var rpc = new EthereumRpc(server.Url, Timeout);

        var error = await Assert.ThrowsAsync<JsonRpcErrorException>(() => rpc.GetGasPriceAsync(cancellationToken: Ct));

        Assert.Equal((-32005, "rate limited", "{\"retryAfter\":3}"), (error.Code, error.RpcMessage, error.ErrorData));
        Assert.IsNotType<ContractRevertException>(error);
    }

    [Fact]
    public async Task EthCall_RevertErrorWithoutData_ThrowsContractRevertWithReasonFromMessage()
    {
        await using var server = new FakeRpcServer(_ => Http(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"execution reverted: Empty payload\"}}"));
        using var rpc = new EthereumRpc(server.Url, Timeout);

        var error = await Assert.ThrowsAsync<ContractRevertException>(() => rpc.CallAsync(new CallRequest("0x" + new string('2', 40), [1]), BlockTag.Latest, cancellationToken: Ct));

        Assert.Equal((RevertKind.ErrorString, "Empty payload"), (error.Kind, error.Reason));
    }

    [Fact]
    public async Task Call_ConnectionRefused_ThrowsRpcConnection()
    {
        using var rpc = new EthereumRpc(new Uri($"http://127.0.0.1:{ClosedPort()}/"), Timeout);

        var error = await Assert.ThrowsAsync<RpcConnectionException>(() => rpc.GetChainIdAsync(cancellationToken: Ct)).WaitAsync(Bound, Ct);

        Assert.Equal("eth_chainId", error.Method);
    }

    [Fact]
    public async Task Call_ServerClosesWithoutAnswer_ThrowsRpcConnection()
    {
        await using var server = new FakeRpcServer(_ => "");
        using var rpc = new EthereumRpc(server.Url, Timeout);

        await Assert.ThrowsAsync<RpcConnectionException>(() => rpc.GetChainIdAsync(cancellationToken: Ct)).WaitAsync(Bound, Ct);
    }

    [Fact]
    public async Task Call_CallerCancels_ThrowsOperationCanceledNotTimeout()
    {
        await using var server = new FakeRpcServer(_ => null);
        using var rpc = new EthereumRpc(server.Url, TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rpc.GetChainIdAsync(cancel.Token)).WaitAsync(Bound, Ct);
    }

    [Fact]
    public async Task Errors_AndToString_NeverShowApiKeyInUrlPathOrUserInfo()
    {
        using var rpc = new EthereumRpc(new Uri($"http://user:pa55word@127.0.0.1:{ClosedPort()}/v3/APIKEY123"), Timeout);

        var error = await Assert.ThrowsAsync<RpcConnectionException>(() => rpc.GetChainIdAsync(Ct)).WaitAsync(Bound, Ct);

        Assert.All(new[] { error.ToString(), rpc.ToString() }, text =>
        {
            Assert.DoesNotContain("APIKEY123", text);
            Assert.DoesNotContain("pa55word", text);
        });
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed
    }
}
