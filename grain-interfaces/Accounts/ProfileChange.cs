using System.Collections.Immutable;
using Weft.GrainInterfaces.Statuses;

namespace Weft.GrainInterfaces.Accounts;

/// <summary>An edit of the profile (Mastodon's update_credentials); a null field stays as it is.</summary>
/// <param name="DisplayName">The new display name, plain text.</param>
/// <param name="Note">The new profile text, plain text.</param>
/// <param name="Bot">Whether the account is marked as automated.</param>
/// <param name="Fields">The new metadata fields, replacing all of them (empty for none).</param>
/// <param name="DefaultVisibility">The new default visibility of posts (public, unlisted or private).</param>
/// <param name="DefaultSensitive">Whether posts are marked sensitive unless the client says otherwise.</param>
/// <param name="DefaultLanguage">The new default language of posts; empty for none.</param>
/// <param name="Discoverable">Whether to be featured in the profile directory.</param>
/// <param name="Indexable">Whether public statuses may be found by full-text search.</param>
/// <param name="HideCollections">Whether to hide the followers and following lists from others.</param>
public sealed record ProfileChange(
    string? DisplayName,
    string? Note,
    bool? Bot,
    ImmutableArray<ProfileField>? Fields = null,
    StatusVisibility? DefaultVisibility = null,
    bool? DefaultSensitive = null,
    string? DefaultLanguage = null,
    bool? Discoverable = null,
    bool? Indexable = null,
    bool? HideCollections = null);
