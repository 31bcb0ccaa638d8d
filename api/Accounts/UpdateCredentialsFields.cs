using System.Text.Json.Serialization;

namespace Weft.Api.Accounts;

/// <summary>
/// The fields of PATCH /api/v1/accounts/update_credentials, for the OpenAPI document (the handler reads them through
/// <c>RequestBody</c>). Fields Mastodon knows and Weft does not keep (source[quote_policy]…) are ignored, as Mastodon
/// ignores unknown ones.
/// </summary>
public sealed record UpdateCredentialsFields
{
    /// <summary>The display name, plain text, at most 30 characters.</summary>
    [JsonPropertyName("display_name")]
    public string? DisplayName { get; init; }

    /// <summary>The profile text, plain text, at most 500 characters.</summary>
    [JsonPropertyName("note")]
    public string? Note { get; init; }

    /// <summary>Whether the account is marked as automated.</summary>
    [JsonPropertyName("bot")]
    public bool? Bot { get; init; }

    /// <summary>
    /// The profile's metadata fields, replacing all of them: at most 4 with a name or a value, each at most 255
    /// characters. In forms <c>fields_attributes[0][name]</c>, <c>fields_attributes[0][value]</c>…; in JSON an array of
    /// these objects or an object of them keyed by index.
    /// </summary>
    [JsonPropertyName("fields_attributes")]
    public IReadOnlyList<FieldAttributes>? FieldsAttributes { get; init; }

    /// <summary>The posting defaults: what new statuses get when the client leaves the choice out.</summary>
    [JsonPropertyName("source")]
    public SourceFields? Source { get; init; }

    /// <summary>Whether to be featured in the profile directory (kept and shown; the directory is not built).</summary>
    [JsonPropertyName("discoverable")]
    public bool? Discoverable { get; init; }

    /// <summary>Whether public statuses may be found by full-text search (kept and shown).</summary>
    [JsonPropertyName("indexable")]
    public bool? Indexable { get; init; }

    /// <summary>Whether others see the followers and following lists empty.</summary>
    [JsonPropertyName("hide_collections")]
    public bool? HideCollections { get; init; }

    /// <summary>Only false: follow requests are not built yet, so an account cannot be locked.</summary>
    [JsonPropertyName("locked")]
    public bool? Locked { get; init; }
}

/// <summary>One profile field as update_credentials takes it.</summary>
public sealed record FieldAttributes
{
    /// <summary>The label, plain text.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The value, plain text; URLs in it become links.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }
}

/// <summary>update_credentials' <c>source</c>: the posting defaults (<c>source[privacy]</c>… in forms).</summary>
public sealed record SourceFields
{
    /// <summary>The default visibility: public, unlisted or private.</summary>
    [JsonPropertyName("privacy")]
    public string? Privacy { get; init; }

    /// <summary>Whether new statuses are marked sensitive by default.</summary>
    [JsonPropertyName("sensitive")]
    public bool? Sensitive { get; init; }

    /// <summary>The default language (ISO 639); empty for none.</summary>
    [JsonPropertyName("language")]
    public string? Language { get; init; }
}
