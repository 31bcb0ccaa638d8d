using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's Status entity (docs.joinmastodon.org/entities/Status).</summary>
/// <remarks>
/// The viewer's marks (favourited, reblogged, muted, bookmarked, pinned) and <see cref="Filtered"/> are left out for
/// anonymous requests, as Mastodon does; <see cref="Content"/> is left out and <see cref="Text"/> sent instead on the
/// delete response ("delete and redraft").
/// </remarks>
public sealed record Status
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("created_at")]
    public required string CreatedAt { get; init; }

    [JsonPropertyName("in_reply_to_id")]
    public string? InReplyToId { get; init; }

    [JsonPropertyName("in_reply_to_account_id")]
    public string? InReplyToAccountId { get; init; }

    [JsonPropertyName("sensitive")]
    public bool Sensitive { get; init; }

    [JsonPropertyName("spoiler_text")]
    public required string SpoilerText { get; init; }

    [JsonPropertyName("visibility")]
    public required string Visibility { get; init; }

    [JsonPropertyName("language")]
    public string? Language { get; init; }

    [JsonPropertyName("uri")]
    public required string Uri { get; init; }

    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("replies_count")]
    public long RepliesCount { get; init; }

    [JsonPropertyName("reblogs_count")]
    public long ReblogsCount { get; init; }

    [JsonPropertyName("favourites_count")]
    public long FavouritesCount { get; init; }

    [JsonPropertyName("edited_at")]
    public string? EditedAt { get; init; }

    [JsonPropertyName("favourited")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Favourited { get; init; }

    [JsonPropertyName("reblogged")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Reblogged { get; init; }

    [JsonPropertyName("muted")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Muted { get; init; }

    [JsonPropertyName("bookmarked")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Bookmarked { get; init; }

    [JsonPropertyName("pinned")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Pinned { get; init; }

    /// <summary>The text as safe HTML.</summary>
    [JsonPropertyName("content")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Content { get; init; }

    /// <summary>The source text; only on the delete response.</summary>
    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonPropertyName("filtered")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FilterResult>? Filtered { get; init; }

    [JsonPropertyName("reblog")]
    public Status? Reblog { get; init; }

    [JsonPropertyName("application")]
    public StatusApplication? Application { get; init; }

    [JsonPropertyName("account")]
    public required Account Account { get; init; }

    [JsonPropertyName("media_attachments")]
    public IReadOnlyList<MediaAttachment> MediaAttachments { get; init; } = [];

    [JsonPropertyName("mentions")]
    public IReadOnlyList<StatusMention> Mentions { get; init; } = [];

    [JsonPropertyName("tags")]
    public IReadOnlyList<StatusTag> Tags { get; init; } = [];

    [JsonPropertyName("emojis")]
    public IReadOnlyList<CustomEmoji> Emojis { get; init; } = [];

    [JsonPropertyName("card")]
    public PreviewCard? Card { get; init; }

    [JsonPropertyName("poll")]
    public Poll? Poll { get; init; }
}
