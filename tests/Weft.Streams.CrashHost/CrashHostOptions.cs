using System.Globalization;

namespace Weft.Streams.CrashHost;

/// <summary>
/// The command line: <c>publish &lt;streams&gt; &lt;events-per-stream&gt; &lt;subscribers-per-stream&gt; &lt;events-per-publish&gt;</c>
/// or <c>serve</c>. Events per publish is 1 for one <c>OnNextAsync</c> per event, more for <c>OnNextBatchAsync</c>. The
/// store is the setting <c>Weft:CrashHost:Store</c> (<see cref="CrashHostStore"/>), its connection string the setting
/// <c>ConnectionStrings:Weft</c> (environment <c>ConnectionStrings__Weft</c> or argument <c>--ConnectionStrings:Weft=…</c>).
/// </summary>
internal sealed record CrashHostOptions(bool Publish, int Streams, int EventsPerStream, int SubscribersPerStream, int EventsPerPublish)
{
    public const string Usage =
        "usage: Weft.Streams.CrashHost publish <streams> <events-per-stream> <subscribers-per-stream> <events-per-publish> | serve " +
        "(store from Weft__CrashHost__Store or --Weft:CrashHost:Store=PostgreSql|Sqlite, default PostgreSql; " +
        "its connection string from ConnectionStrings__Weft or --ConnectionStrings:Weft=…)";

    /// <summary>The setting that chooses the store.</summary>
    public const string StoreSetting = "Weft:CrashHost:Store";

    /// <summary>The stream namespace the host publishes to.</summary>
    public const string Namespace = "crash";

    public static string StreamKey(int stream) => "s" + stream.ToString(CultureInfo.InvariantCulture);

    public static string SubscriberKey(int stream, int subscriber)
        => $"{StreamKey(stream)}-{subscriber.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The store a <see cref="StoreSetting"/> names (case-insensitive; PostgreSQL when empty), or null.</summary>
    public static CrashHostStore? ParseStore(string? setting) => setting?.Trim().ToUpperInvariant() switch
    {
        null or "" or "POSTGRESQL" => CrashHostStore.PostgreSql,
        "SQLITE" => CrashHostStore.Sqlite,
        _ => null,
    };

    public static CrashHostOptions? Parse(string[] args)
    {
        var positional = args.Where(a => !a.StartsWith('-')).ToArray();
        return positional switch
        {
            ["serve"] => new CrashHostOptions(false, 0, 0, 0, 0),
            ["publish", var streams, var events, var subscribers, var perPublish]
                when TryPositive(streams, out var s) && TryPositive(events, out var e) && TryPositive(subscribers, out var n)
                    && TryPositive(perPublish, out var p)
                => new CrashHostOptions(true, s, e, n, p),
            _ => null,
        };
    }

    private static bool TryPositive(string text, out int value)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
