using System.Globalization;
using BlockhostBroker.Silo.Api;

namespace BlockhostBroker.Silo.Cli;

/// <summary>Renders the API's documents as text for people; --json prints the documents themselves.</summary>
public static class TextReports
{
    /// <summary>`status`.</summary>
    public static void Status(StatusReport s, TextWriter o)
    {
        o.WriteLine($"silo        {s.Silo}   ({s.At:u})");
        if (s.Chain is { } c)
            o.WriteLine($"chain       {c.ChainId}: head {c.Head}, cursor {c.Cursor} ({c.Head - c.Cursor} behind), requests seen {c.RequestsSeen}, reorgs {c.Reorgs}{(c.LastError is null ? "" : $", last error: {c.LastError}")}");
        if (s.Requests is { } r)
            o.WriteLine($"requests    {r.PendingOnChain} pending on-chain, {r.TransactionsInFlight} transactions in flight; since start: {r.Approved} approved, {r.Rejected} rejected, {r.Expired} expired");
        if (s.Pool is { } p)
            o.WriteLine($"pool        {p.UpstreamPrefix} in /{p.AllocationSize}s: {p.Allocated} of {p.Capacity} allocated");
        if (s.Peers is { } peers)
            o.WriteLine($"peers       {peers.Interface}: {peers.Total} peers, {peers.Active} with a recent handshake");
        if (s.Wallet is { } w)
            o.WriteLine($"wallet      {w.Address}: next nonce {w.NextNonce}, {w.InFlight} in flight, {w.TransactionsMined} mined, gas last hour {w.GasSpentLastHour}");
        if (s.Registry is { } reg)
            o.WriteLine(reg.Registered
                ? $"registry    broker {reg.BrokerId} {(reg.Active ? "active" : "INACTIVE")}, region \"{reg.Region}\", load {reg.CurrentLoad}/{(reg.Capacity == 0 ? "unlimited" : reg.Capacity.ToString(CultureInfo.InvariantCulture))}{(reg.PubkeyMatches ? "" : ", PUBKEY DIFFERS from the ECIES key (run `register`)")}"
                : $"registry    not registered in {reg.Contract} (run `blockhost-broker register --region R`)");
        foreach (var problem in s.Problems)
            o.WriteLine($"problem     {problem}");
    }

    /// <summary>`allocations`.</summary>
    public static void Allocations(IReadOnlyList<AllocationView> list, TextWriter o) =>
        Table(o, ["PREFIX", "NFT CONTRACT", "WG PUBKEY", "ALLOCATED"],
            list.Select(a => new[] { a.Prefix, a.NftContract, a.WgPubkey, a.AllocatedAt.ToString("u", CultureInfo.InvariantCulture) }), "no allocations");

    /// <summary>`peers`.</summary>
    public static void Peers(IReadOnlyList<PeerView> list, TextWriter o) =>
        Table(o, ["PUBLIC KEY", "ALLOWED IPS", "ENDPOINT", "LAST HANDSHAKE", "RX", "TX", "NFT CONTRACT"],
            list.Select(p => new[]
            {
                p.PublicKey, string.Join(',', p.AllowedIps), p.Endpoint ?? "-",
                p.LatestHandshake?.ToString("u", CultureInfo.InvariantCulture) ?? "never",
                Bytes(p.ReceiveBytes), Bytes(p.TransmitBytes), p.NftContract ?? "(stray)",
            }), "no peers");

    /// <summary>`requests show`.</summary>
    public static void Request(RequestView r, TextWriter o)
    {
        o.WriteLine($"request     {r.RequestId}: {r.Status}{(r.Final ? " (final)" : "")}");
        o.WriteLine($"requester   {r.Requester ?? "-"}");
        o.WriteLine($"nft         {r.NftContract ?? "-"}");
        if (r.Prefix is not null) o.WriteLine($"prefix      {r.Prefix}");
        if (r.RejectionReason is not null) o.WriteLine($"rejected    {r.RejectionReason}");
        if (r.TxHash is not null) o.WriteLine($"tx          {r.TxHash} (nonce {r.Nonce})");
        if (r.LastError is not null) o.WriteLine($"retrying    {r.LastError}");
        o.WriteLine("history");
        foreach (var h in r.History)
            o.WriteLine($"  {h.At:u}  {h.Status,-14} {h.Note}".TrimEnd());
    }

    /// <summary>`release`.</summary>
    public static void Release(ReleaseReport r, TextWriter o)
    {
        o.WriteLine($"released    {r.NftContract}");
        o.WriteLine($"pool        {(r.PoolReleased ? $"{r.Prefix} returned to the pool" : "held no prefix")}");
        o.WriteLine($"wireguard   {(r.PeerRemoved ? "peer removed" : "no peer")}");
        o.WriteLine($"chain       {(r.Chain is null ? "no request held on-chain" : Describe(r.Chain))}");
    }

    /// <summary>`register` and its subcommands.</summary>
    public static void Registry(RegistryActionReport r, TextWriter o)
    {
        foreach (var tx in r.Transactions)
            o.WriteLine($"sent        {Describe(tx)}");
        if (r.Transactions.Count == 0)
            o.WriteLine("sent        nothing: the registry already says so");
        var reg = r.Registry;
        o.WriteLine(reg.Registered
            ? $"registry    broker {reg.BrokerId} {(reg.Active ? "active" : "inactive")}, region \"{reg.Region}\", capacity {reg.Capacity}, load {reg.CurrentLoad}, pubkey {(reg.PubkeyMatches ? "matches" : "DIFFERS")}"
            : "registry    not registered");
    }

    private static string Describe(TxOutcome tx) =>
        $"{tx.Action}: {tx.Status}{(tx.Hash is null ? "" : $" {tx.Hash}")}{(tx.BlockNumber is null ? "" : $" in block {tx.BlockNumber}")}{(tx.Reason is null ? "" : $" ({tx.Reason})")}";

    private static string Bytes(long count) => count switch
    {
        < 1024 => $"{count} B",
        < 1024 * 1024 => $"{count / 1024.0:0.0} KiB",
        _ => $"{count / (1024.0 * 1024):0.0} MiB",
    };

    private static void Table(TextWriter o, string[] header, IEnumerable<string[]> rows, string empty)
    {
        var all = rows.ToList();
        if (all.Count == 0)
        {
            o.WriteLine(empty);
            return;
        }
        var widths = header.Select((h, i) => all.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        void Line(string[] cells) => o.WriteLine(string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        Line(header);
        all.ForEach(Line);
    }
}
