namespace BlockhostBroker.Protocol.Addressing;

/// <summary>Why a text could not be read as an IPv6 address or prefix.</summary>
public enum Ipv6FormatError
{
    /// <summary>The text is empty or only whitespace.</summary>
    Empty,

    /// <summary>A prefix was expected but the text has no "/length" part.</summary>
    MissingLength,

    /// <summary>The prefix length is not a decimal number from 0 to 128 without leading zeros.</summary>
    InvalidLength,

    /// <summary>The address part is not a valid IPv6 address.</summary>
    InvalidAddress,

    /// <summary>The address has bits set beyond the prefix length; the message names the canonical prefix.</summary>
    HostBitsSet,
}

/// <summary>A text that is not a valid IPv6 address or prefix, with the reason and, where one exists, the fix.</summary>
public sealed class Ipv6PrefixFormatException : FormatException
{
    /// <summary>Creates the error for an input, a reason and a human-readable detail.</summary>
    public Ipv6PrefixFormatException(string input, Ipv6FormatError error, string detail, string? canonicalForm = null)
        : base(BuildMessage(input, detail, canonicalForm))
    {
        Input = input;
        Error = error;
        CanonicalForm = canonicalForm;
    }

    /// <summary>The text that failed to parse.</summary>
    public string Input { get; }

    /// <summary>The reason it failed.</summary>
    public Ipv6FormatError Error { get; }

    /// <summary>For <see cref="Ipv6FormatError.HostBitsSet"/>: the prefix the input probably meant, in canonical form.</summary>
    public string? CanonicalForm { get; }

    private static string BuildMessage(string input, string detail, string? canonicalForm) =>
        canonicalForm is null
            ? $"'{input}' is not a valid IPv6 prefix: {detail}."
            : $"'{input}' is not a valid IPv6 prefix: {detail}; did you mean '{canonicalForm}'?";
}
