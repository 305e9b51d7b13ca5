using System.Diagnostics.CodeAnalysis;

namespace BlockhostBroker.Protocol.Payloads;

/// <summary>A rejected payload: the error, the short on-chain reason and a longer detail for logs (never key material).</summary>
public sealed record PayloadFailure(PayloadError Error, string Reason, string Detail);

/// <summary>Either a parsed payload or the reason it was rejected.</summary>
public sealed class PayloadParseResult<T> where T : class
{
    private PayloadParseResult(T? value, PayloadFailure? failure) => (Value, Failure) = (value, failure);

    /// <summary>The payload, when parsing succeeded.</summary>
    public T? Value { get; }

    /// <summary>Why parsing failed, when it did.</summary>
    public PayloadFailure? Failure { get; }

    /// <summary>True when <see cref="Value"/> holds the payload.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Value is not null;

    /// <summary>The error, or <see cref="PayloadError.None"/> on success.</summary>
    public PayloadError Error => Failure?.Error ?? PayloadError.None;

    /// <summary>The short on-chain reason, or empty on success.</summary>
    public string Reason => Failure?.Reason ?? "";

    /// <summary>A successful result.</summary>
    public static PayloadParseResult<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A failed result.</summary>
    public static PayloadParseResult<T> Failed(PayloadFailure failure) => new(null, failure ?? throw new ArgumentNullException(nameof(failure)));

    /// <summary>Wraps a payload.</summary>
    public static implicit operator PayloadParseResult<T>(T value) => Success(value);

    /// <summary>Wraps a failure.</summary>
    public static implicit operator PayloadParseResult<T>(PayloadFailure failure) => Failed(failure);

    /// <summary>The payload, or the reason it was rejected.</summary>
    public override string ToString() => IsSuccess ? $"ok: {Value}" : $"{Failure.Reason} ({Failure.Detail})";
}

/// <summary>Thrown inside the parsers to unwind to the one place that turns it into a <see cref="PayloadFailure"/>.</summary>
internal sealed class PayloadFormatException(PayloadFailure failure) : FormatException(failure.Detail)
{
    /// <summary>The failure to report.</summary>
    public PayloadFailure Failure { get; } = failure;

    /// <summary>Throws a failure with the given parts.</summary>
    [DoesNotReturn]
    public static void Throw(PayloadError error, string reason, string detail) =>
        throw new PayloadFormatException(new PayloadFailure(error, reason, detail));
}
