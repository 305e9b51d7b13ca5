using BlockhostBroker.Protocol.Transactions;
using Microsoft.Extensions.Logging;

namespace BlockhostBroker.Grains.Chain;

// Log messages. None carries key material: only addresses, nonces, hashes and fees.
public sealed partial class OperatorWalletGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Operator wallet {Wallet} active: next nonce {NextNonce}, {InFlight} in flight")]
    private partial void LogActivated(string wallet, long nextNonce, int inFlight);

    [LoggerMessage(Level = LogLevel.Information, Message = "Intent {Key} reverts in eth_estimateGas: {Reason}; not sent")]
    private partial void LogReverted(string key, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Url} unreachable; the wallet retries on its next call or tick")]
    private partial void LogNodeUnreachable(Exception exception, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intent {Key}: fresh nonce {Nonce} is already taken outside this wallet; signing again with the node's next nonce")]
    private partial void LogFreshNonceTaken(string key, long nonce);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intent {Key}: node refused nonce {Nonce} tx {Hash} ({Outcome}): {NodeMessage}")]
    private partial void LogBroadcastRefused(string key, long nonce, string hash, BroadcastOutcome outcome, string nodeMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Operator account {Address} cannot pay for gas; fund it, the wallet keeps re-sending")]
    private partial void LogInsufficientFunds(string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intent {Key}: broadcast of {Hash} failed; the timer sends it again if the node lost it")]
    private partial void LogBroadcastFailed(Exception exception, string key, string hash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The node has seen transactions up to nonce {Pending}, beyond the wallet's {Stored}: the key is used elsewhere")]
    private partial void LogNonceAdvanced(long stored, long pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wallet tick for {Subject} failed; the next tick retries")]
    private partial void LogFollowFailed(Exception exception, string subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "Intent {Key}: node lost nonce {Nonce} tx {Hash}; sending it again")]
    private partial void LogRebroadcast(string key, long nonce, string hash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Intent {Key}: nonce {Nonce} mined as {Hash} in block {Block} (success {Succeeded}, gas {GasUsed})")]
    private partial void LogMined(string key, long nonce, string hash, long block, bool succeeded, long gasUsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intent {Key}: nonce {Nonce} was used by a transaction that is not ours; re-estimating and signing with a fresh nonce")]
    private partial void LogNonceTaken(string key, long nonce);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intent {Key}: nonce {Nonce} is stuck at the fee cap of {CapGwei} gwei (onchain.max_fee_per_gas_gwei); waiting")]
    private partial void LogAtFeeCap(string key, long nonce, decimal capGwei);

    [LoggerMessage(Level = LogLevel.Information, Message = "Intent {Key}: nonce {Nonce} tx {OldHash} stuck; replaced by {NewHash} with {Fees}")]
    private partial void LogReplaced(string key, long nonce, string oldHash, string newHash, string fees);
}
