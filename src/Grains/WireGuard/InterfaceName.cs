using System.Text.RegularExpressions;

namespace BlockhostBroker.Grains.WireGuard;

/// <summary>The rule for WireGuard interface names: what Linux and wg-quick both accept.</summary>
public static partial class InterfaceName
{
    /// <summary>Linux limits interface names to 15 bytes (IFNAMSIZ - 1).</summary>
    public const int MaxLength = 15;

    /// <summary>True for 1–15 characters of letters, digits and _ = + . - (wg-quick's set), not starting with '-' and not "." or "..".</summary>
    public static bool IsValid(string? name) =>
        name is not null && name is not ("." or "..") && Pattern().IsMatch(name);

    /// <summary>Returns the name, or throws <see cref="ArgumentException"/> explaining the rule.</summary>
    public static string Require(string? name) => IsValid(name)
        ? name!
        : throw new ArgumentException(
            $"'{name}' is not a valid interface name: use 1-{MaxLength} characters of letters, digits and _=+.- (not starting with '-')",
            nameof(name));

    [GeneratedRegex(@"^[A-Za-z0-9_=+.][A-Za-z0-9_=+.\-]{0,14}$")]
    private static partial Regex Pattern();
}
