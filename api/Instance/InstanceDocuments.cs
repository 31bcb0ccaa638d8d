using System.Text.Json.Nodes;
using Weft.GrainInterfaces.Queries;

namespace Weft.Api.Instance;

/// <summary>
/// The instance documents of /api/v1/instance and /api/v2/instance, built as JSON nodes: they are nested, asked for once
/// per client start-up, and their exact shape is what matters.
/// </summary>
public static class InstanceDocuments
{
    /// <summary>Mastodon's V1::Instance entity.</summary>
    public static JsonObject V1(HttpRequest request, InstanceOptions options, InstanceStatistics statistics) => new()
    {
        ["uri"] = InstanceUrls.Domain(request),
        ["title"] = options.Title,
        ["short_description"] = options.Description,
        ["description"] = options.Description,
        ["email"] = options.ContactEmail,
        ["version"] = InstanceLimits.Version,
        ["urls"] = new JsonObject { ["streaming_api"] = InstanceUrls.StreamingUrl(request) },
        // No federation: no other domains are known.
        ["stats"] = new JsonObject { ["user_count"] = statistics.UserCount, ["status_count"] = statistics.StatusCount, ["domain_count"] = 0 },
        ["thumbnail"] = ThumbnailUrl(request),
        ["languages"] = Strings(options.Languages),
        ["registrations"] = true,
        ["approval_required"] = false,
        ["invites_enabled"] = false,
        ["configuration"] = new JsonObject
        {
            ["accounts"] = new JsonObject { ["max_featured_tags"] = InstanceLimits.MaxFeaturedTags },
            ["statuses"] = Statuses(),
            ["media_attachments"] = MediaAttachments(),
            ["polls"] = Polls(),
        },
        ["contact_account"] = null,
        ["rules"] = new JsonArray(),
    };

    /// <summary>Mastodon's Instance entity (v2).</summary>
    public static JsonObject V2(HttpRequest request, InstanceOptions options, InstanceStatistics statistics) => new()
    {
        ["domain"] = InstanceUrls.Domain(request),
        ["title"] = options.Title,
        ["version"] = InstanceLimits.Version,
        ["source_url"] = options.SourceUrl,
        ["description"] = options.Description,
        ["usage"] = new JsonObject { ["users"] = new JsonObject { ["active_month"] = statistics.ActiveMonth } },
        ["thumbnail"] = new JsonObject { ["url"] = ThumbnailUrl(request) },
        ["icon"] = new JsonArray(),
        ["languages"] = Strings(options.Languages),
        ["configuration"] = new JsonObject
        {
            ["urls"] = new JsonObject { ["streaming"] = InstanceUrls.StreamingUrl(request), ["status"] = null },
            ["vapid"] = new JsonObject { ["public_key"] = "" },
            ["accounts"] = new JsonObject
            {
                ["max_featured_tags"] = InstanceLimits.MaxFeaturedTags,
                ["max_pinned_statuses"] = InstanceLimits.MaxPinnedStatuses,

                // Not in Mastodon 4.3's document; clients that size their profile editors read them where servers send them.
                ["max_display_name_chars"] = InstanceLimits.MaxDisplayNameCharacters,
                ["max_note_length"] = InstanceLimits.MaxNoteCharacters,
                ["max_profile_fields"] = InstanceLimits.MaxProfileFields,
                ["profile_field_name_limit"] = InstanceLimits.MaxProfileFieldPartCharacters,
                ["profile_field_value_limit"] = InstanceLimits.MaxProfileFieldPartCharacters,
            },
            ["statuses"] = Statuses(),
            ["media_attachments"] = MediaAttachments(),
            ["polls"] = Polls(),
            ["translation"] = new JsonObject { ["enabled"] = false },
        },
        ["registrations"] = new JsonObject
        {
            ["enabled"] = true,
            ["approval_required"] = false,
            ["message"] = null,
            ["url"] = null,
        },
        ["api_versions"] = new JsonObject { ["mastodon"] = 2 },
        ["contact"] = new JsonObject { ["email"] = options.ContactEmail, ["account"] = null },
        ["rules"] = new JsonArray(),
    };

    /// <summary>The thumbnail served by <see cref="InstanceEndpoints"/>.</summary>
    public static string ThumbnailUrl(HttpRequest request) => InstanceUrls.BaseUrl(request) + InstanceEndpoints.ThumbnailPath;

    private static JsonObject Statuses() => new()
    {
        ["max_characters"] = InstanceLimits.MaxStatusCharacters,
        ["max_media_attachments"] = InstanceLimits.MaxMediaAttachments,
        ["characters_reserved_per_url"] = InstanceLimits.CharactersReservedPerUrl,
    };

    private static JsonObject MediaAttachments() => new()
    {
        ["supported_mime_types"] = Strings(InstanceLimits.SupportedMimeTypes),
        ["image_size_limit"] = InstanceLimits.ImageSizeLimit,
        ["image_matrix_limit"] = InstanceLimits.ImageMatrixLimit,
        ["video_size_limit"] = InstanceLimits.VideoSizeLimit,
        ["video_frame_rate_limit"] = InstanceLimits.VideoFrameRateLimit,
        ["video_matrix_limit"] = InstanceLimits.VideoMatrixLimit,
    };

    private static JsonObject Polls() => new()
    {
        ["max_options"] = InstanceLimits.MaxPollOptions,
        ["max_characters_per_option"] = InstanceLimits.MaxPollOptionCharacters,
        ["min_expiration"] = InstanceLimits.MinPollExpirationSeconds,
        ["max_expiration"] = InstanceLimits.MaxPollExpirationSeconds,
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(value => (JsonNode?)JsonValue.Create(value))]);
}
