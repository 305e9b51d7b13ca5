namespace BlockhostBroker.Grains.WireGuard;

/// <summary>The hardware boundary: reads and configures one machine's WireGuard interfaces (kernel or wireguard-go).</summary>
public interface IWireGuardClient
{
    /// <summary>Reads an interface and its peers; throws <see cref="WireGuardDeviceNotFoundException"/> when it does not exist.</summary>
    Task<WireGuardDevice> GetDevice(string name, CancellationToken cancellationToken = default);

    /// <summary>Applies every change in the config to the interface in one operation.</summary>
    Task ConfigureDevice(string name, DeviceConfig config, CancellationToken cancellationToken = default);
}
