using System.Text.RegularExpressions;

namespace BlockhostBroker.Client.Tunnel;

/// <summary>WireGuard interface names as wg-quick accepts them: 1 to 15 of letters, digits and <c>_=+.-</c>.</summary>
public static partial class InterfaceName
{
    /// <summary>The interface the client uses unless told otherwise (the original client's default).</summary>
    public const string Default = "wg-broker";

    /// <summary>True when wg-quick (and the kernel) accept the name.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-zA-Z0-9_=+.-]{1,15}$")]
    private static partial Regex Pattern();
}
