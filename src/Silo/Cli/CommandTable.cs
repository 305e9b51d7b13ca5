using System.CommandLine;
using BlockhostBroker.Silo.Api;

namespace BlockhostBroker.Silo.Cli;

/// <summary>The one table of commands: its declarations drive both dispatch and usage.</summary>
public static class CommandTable
{
    /// <summary>The program's name in usage and messages.</summary>
    public const string ProgramName = "blockhost-broker";

    /// <summary>Builds the root: with no command it runs the daemon; the key options write keys; the commands talk to the daemon.</summary>
    public static RootCommand BuildRoot(CliConsole console, Func<string, CancellationToken, Task<int>> runDaemon)
    {
        var globals = new GlobalOptions();
        var admin = new AdminRunner(globals, console);
        var root = new RootCommand("The blockhost-broker daemon (run with -c CONFIG) and its operator commands.");
        foreach (var option in globals.All)
            root.Options.Add(option);
        root.Options.Add(KeyGeneration.EciesKeyOption(globals, console));
        root.Options.Add(KeyGeneration.WalletKeyOption(globals, console));
        root.SetAction((parse, ct) => runDaemon(parse.GetValue(globals.Config)!, ct));
        foreach (var command in AdminCommands(admin))
            root.Subcommands.Add(command);
        return root;
    }

    private static IEnumerable<Command> AdminCommands(AdminRunner admin)
    {
        var status = new Command("status", "chain head and cursor, requests pending and in flight, pool usage, peers, wallet, registry");
        status.SetAction((p, ct) => admin.RunAsync(p, (c, t) => c.GetAsync<StatusReport>("api/status", t), TextReports.Status, ct));

        var allocations = new Command("allocations", "every prefix allocated, with its NFT contract and WireGuard key");
        allocations.SetAction((p, ct) => admin.RunAsync(p, (c, t) => c.GetAsync<List<AllocationView>>("api/allocations", t), TextReports.Allocations, ct));

        var peers = new Command("peers", "the gateway's WireGuard peers: last handshake, bytes received and sent");
        peers.SetAction((p, ct) => admin.RunAsync(p, (c, t) => c.GetAsync<List<PeerView>>("api/peers", t), TextReports.Peers, ct));

        var nft = new Argument<string>("nft-contract") { Description = "the NFT contract whose allocation to free (0x address)" };
        var release = new Command("release", "free an allocation: IPAM, the WireGuard peer and releaseAllocation on-chain") { nft };
        release.SetAction((p, ct) => admin.RunAsync(p, (c, t) => c.PostAsync<ReleaseReport>($"api/allocations/{Uri.EscapeDataString(p.GetValue(nft)!)}/release", null, t),
            TextReports.Release, ct, r => r.Chain is { Succeeded: false }));

        return [status, allocations, peers, release, RequestsCommand(admin), RegisterCommand(admin)];
    }

    private static Command RequestsCommand(AdminRunner admin)
    {
        var id = new Argument<long>("id") { Description = "the on-chain request id" };
        var show = new Command("show", "one request's state and its history") { id };
        show.SetAction((p, ct) => admin.RunAsync(p, (c, t) => c.GetAsync<RequestView>($"api/requests/{p.GetValue(id)}", t), TextReports.Request, ct));
        return new Command("requests", "requests this broker has seen") { show };
    }

    private static Command RegisterCommand(AdminRunner admin)
    {
        var region = new Option<string?>("--region") { Description = "the region label (required for a new registration)", HelpName = "R" };
        var capacity = new Option<long?>("--capacity") { Description = "most allocations this broker takes (0 = unlimited)", HelpName = "N" };
        var register = new Command("register",
            "register this broker in the BrokerRegistry, or bring its pubkey (from the ECIES key), region and capacity up to date") { region, capacity };
        register.SetAction((p, ct) => admin.RunAsync(p,
            (c, t) => c.PostAsync<RegistryActionReport>("api/registry/register", new RegisterBody(p.GetValue(region), p.GetValue(capacity)), t),
            TextReports.Registry, ct, r => AdminRunner.AnyFailed(r.Transactions)));
        foreach (var (name, help) in new[] { ("activate", "take requests again (activate())"), ("deactivate", "stop taking requests (deactivate())") })
        {
            var sub = new Command(name, help);
            sub.SetAction((p, ct) => admin.RunAsync(p, (c, t) => c.PostAsync<RegistryActionReport>($"api/registry/{name}", null, t),
                TextReports.Registry, ct, r => AdminRunner.AnyFailed(r.Transactions)));
            register.Subcommands.Add(sub);
        }
        return register;
    }
}
