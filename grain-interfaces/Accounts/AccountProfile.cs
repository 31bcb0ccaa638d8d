using System.Collections.Immutable;
using Weft.GrainInterfaces.Statuses;

namespace Weft.GrainInterfaces.Accounts;

/// <summary>
/// What an account shows to others; changes only through the account's own grain. Immutable throughout, so grain calls
/// hand it on without copying (every rendered status asks its author's grain for it).
/// </summary>
/// <param name="Id">The account's id.</param>
/// <param name="Username">The username as registered (case kept); unique ignoring case.</param>
/// <param name="DisplayName">The display name, plain text.</param>
/// <param name="Note">The profile text, plain text (rendered to HTML by the API).</param>
/// <param name="CreatedAt">When the account was registered.</param>
/// <param name="Locked">Whether follows need approval (always false for now: follow requests are not built yet).</param>
/// <param name="Bot">Whether the account is marked as automated.</param>
/// <param name="Fields">The profile's metadata fields in their order, or null for none (profiles stored before fields).</param>
/// <param name="NoteMentions">The local accounts the note mentions, resolved when it was saved (null: none, or saved before).</param>
/// <param name="NoteTags">The note's hashtags, lower-cased, without '#' (null: none, or saved before).</param>
/// <param name="Discoverable">Whether the account asked to be featured in the profile directory (which Weft has not built).</param>
/// <param name="Indexable">Whether the account lets its public statuses be found by full-text search.</param>
/// <param name="HideCollections">Whether others see its followers and following lists empty (the counts stay visible).</param>
public sealed record AccountProfile(
    long Id,
    string Username,
    string DisplayName,
    string Note,
    DateTimeOffset CreatedAt,
    bool Locked,
    bool Bot,
    ImmutableArray<ProfileField>? Fields = null,
    ImmutableArray<Mention>? NoteMentions = null,
    ImmutableArray<string>? NoteTags = null,
    bool Discoverable = false,
    bool Indexable = false,
    bool HideCollections = false);
