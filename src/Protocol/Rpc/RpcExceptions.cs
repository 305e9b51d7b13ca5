namespace BlockhostBroker.Protocol.Rpc;

/// <summary>A JSON-RPC exchange with an Ethereum node that did not produce a usable answer.</summary>
public abstract class EthereumRpcException : Exception
{
    /// <summary>Creates the error for the named method.</summary>
    protected EthereumRpcException(string method, string message, Exception? inner = null)
        : base($"{method}: {message}", inner) => Method = method;

    /// <summary>The JSON-RPC method that failed, e.g. "eth_call".</summary>
    public string Method { get; }
}

/// <summary>The node did not answer within the configured timeout; whether it acted on the request is unknown.</summary>
public sealed class RpcTimeoutException(string method, TimeSpan timeout, Exception? inner = null)
    : EthereumRpcException(method, $"no answer within {timeout.TotalSeconds:0.###} s", inner)
{
    /// <summary>The timeout that passed.</summary>
    public TimeSpan Timeout { get; } = timeout;
}

/// <summary>The node could not be reached or dropped the connection (refused, reset, DNS failure).</summary>
public sealed class RpcConnectionException(string method, string message, Exception? inner = null)
    : EthereumRpcException(method, message, inner);

/// <summary>The node answered with an HTTP status other than 2xx.</summary>
public sealed class RpcHttpStatusException(string method, int statusCode, string? bodyStart)
    : EthereumRpcException(method, $"HTTP {statusCode}{(string.IsNullOrEmpty(bodyStart) ? "" : $": {bodyStart}")}")
{
    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; } = statusCode;
}

/// <summary>The node's answer is not a JSON-RPC response, or its result is not of the type the method returns.</summary>
public sealed class RpcMalformedResponseException(string method, string message, Exception? inner = null)
    : EthereumRpcException(method, message, inner);

/// <summary>The node answered with a JSON-RPC error object.</summary>
public class JsonRpcErrorException(string method, int code, string rpcMessage, string? data)
    : EthereumRpcException(method, $"JSON-RPC error {code}: {rpcMessage}")
{
    /// <summary>The error code, e.g. -32000 or 3.</summary>
    public int Code { get; } = code;

    /// <summary>The node's error message, verbatim.</summary>
    public string RpcMessage { get; } = rpcMessage;

    /// <summary>The error's data member as text (hex revert data for reverts), or null when absent.</summary>
    public string? ErrorData { get; } = data;
}
