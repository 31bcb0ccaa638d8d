using System.Globalization;

namespace Weft.Api.Mastodon;

/// <summary>Dates as Mastodon writes them: ISO 8601 in UTC with milliseconds, or a bare date.</summary>
public static class MastodonDates
{
    /// <summary>2024-05-01T12:34:56.789Z</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The day at midnight UTC (Mastodon renders an account's created_at so).</summary>
    public static string Midnight(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T00:00:00.000Z'", CultureInfo.InvariantCulture);

    /// <summary>2024-05-01</summary>
    public static string Date(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
