using System.Globalization;
using System.Net;
using BlockhostBroker.Protocol.Addressing;
using Microsoft.Extensions.Options;

namespace BlockhostBroker.Grains.WireGuard;

/// <summary>Checks <see cref="WireGuardOptions"/> at start-up; every failure names the config key and the fix.</summary>
public sealed class WireGuardOptionsValidator : IValidateOptions<WireGuardOptions>
{
    private const int MaxPort = 65535;
    private static readonly TimeSpan MinReconcileInterval = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WireGuardOptions options)
    {
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every failure.</summary>
    public static void EnsureValid(WireGuardOptions options)
    {
        var failures = Check(options);
        if (failures.Count > 0)
            throw new OptionsValidationException(options.Interface, typeof(WireGuardOptions), failures);
    }

    /// <summary>Every problem with the options, each naming its config key; empty when they are valid.</summary>
    public static List<string> Check(WireGuardOptions o)
    {
        var failures = new List<string>();
        void Fail(string key, string problem) => failures.Add($"{key}: {problem}");

        if (!InterfaceName.IsValid(o.Interface))
            Fail(WireGuardOptions.InterfaceKey, $"'{o.Interface}' is not a valid interface name; use 1-{InterfaceName.MaxLength} characters of letters, digits and _=+.-");
        if (o.ListenPort is < 1 or > MaxPort)
            Fail(WireGuardOptions.ListenPortKey, $"{o.ListenPort} is not a UDP port; use 1-{MaxPort} (51820 is WireGuard's usual port)");
        if (!IsHostPort(o.PublicEndpoint))
            Fail(WireGuardOptions.PublicEndpointKey, $"'{o.PublicEndpoint}' must be host:port that servers can reach, e.g. 203.0.113.10:51820 or [2001:db8::1]:51820");
        if (!Path.IsPathFullyQualified(o.PrivateKeyFile))
            Fail(WireGuardOptions.PrivateKeyFileKey, $"'{o.PrivateKeyFile}' must be an absolute path, e.g. /etc/blockhost-broker/wg.key");
        CheckAddressing(o, Fail);
        if (o.NetworkNamespace.Length > 0 && (o.NetworkNamespace.Contains('/') || o.NetworkNamespace is "." or ".."))
            Fail(WireGuardOptions.NetworkNamespaceKey, $"'{o.NetworkNamespace}' is not a namespace name (as `ip netns list` shows); leave empty for the host's namespace");
        if (o.ConfigDirectory.Length > 0 && !Path.IsPathFullyQualified(o.ConfigDirectory))
            Fail(WireGuardOptions.ConfigDirectoryKey, $"'{o.ConfigDirectory}' must be an absolute directory, e.g. /etc/wireguard");
        if (o.ReconcileInterval < MinReconcileInterval)
            Fail(WireGuardOptions.ReconcileIntervalKey, $"{o.ReconcileInterval.TotalSeconds} is too short; use at least {MinReconcileInterval.TotalSeconds} (default 60)");
        return failures;
    }

    private static void CheckAddressing(WireGuardOptions o, Action<string, string> fail)
    {
        if (!Ipv6Prefix.TryParse(o.UpstreamPrefix, out var upstream, out var error))
        {
            fail(WireGuardOptions.UpstreamPrefixKey, $"{error!.Message} Set the IPv6 prefix routed to this broker, e.g. 2001:db8:f04::/48");
            return;
        }
        if (upstream.Length >= Ipv6Prefix.AddressBits)
            fail(WireGuardOptions.UpstreamPrefixKey, $"'{upstream}' leaves no room for a gateway and peers; use a shorter prefix such as /48");
        else if (o.GatewayAddress.Length > 0
                 && (!IPAddress.TryParse(o.GatewayAddress, out var gateway) || !upstream.Contains(gateway)))
            fail(WireGuardOptions.GatewayAddressKey, $"'{o.GatewayAddress}' must be an IPv6 address inside {upstream}; leave empty for {upstream.AddressAt(1)}");
    }

    private static bool IsHostPort(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || text.Any(char.IsWhiteSpace))
            return false;
        var host = text[..colon];
        if (host.Contains(':') && !(host.StartsWith('[') && host.EndsWith(']')))
            return false;
        return int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is >= 1 and <= MaxPort;
    }
}
