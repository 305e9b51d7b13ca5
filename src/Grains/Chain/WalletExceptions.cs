namespace BlockhostBroker.Grains.Chain;

/// <summary>An operator wallet cannot start: its key file, chain id or node does not match the configuration. The message names the config key.</summary>
public sealed class WalletConfigurationException(string message, Exception? inner = null) : InvalidOperationException(message, inner);

/// <summary>A wallet grain was asked for an account this silo has no key for.</summary>
public sealed class WalletNotConfiguredException(string message) : InvalidOperationException(message);

/// <summary>A transaction intent is malformed (empty key, bad target address, missing data); nothing was signed.</summary>
public sealed class InvalidTxIntentException(string message) : ArgumentException(message);
