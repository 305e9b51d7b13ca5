using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlockhostBroker.Grains.Chain;

/// <summary>Wires operator wallets into a silo.</summary>
public static class OperatorWalletSiloBuilderExtensions
{
    /// <summary>
    /// Registers one operator wallet: validates <paramref name="options"/> and reads the key file now, so a bad
    /// setting stops the host with a message naming its config key. Call it once per chain and key. The wallet
    /// grain keeps its state in the <see cref="StorageNames.Broker"/> storage provider and uses reminders, which
    /// the host registers.
    /// </summary>
    public static ISiloBuilder AddOperatorWallet(this ISiloBuilder builder, WalletOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var account = OperatorAccount.Load(options);
        var registry = builder.Services
            .Where(d => d.ServiceType == typeof(OperatorWalletRegistry) && !d.IsKeyedService)
            .Select(d => d.ImplementationInstance)
            .OfType<OperatorWalletRegistry>()
            .FirstOrDefault();
        if (registry is null)
        {
            registry = new OperatorWalletRegistry();
            builder.Services.AddSingleton(registry);
        }
        registry.Add(account);
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
