using System.Collections.Immutable;

namespace Weft.GrainInterfaces.Statuses;

/// <summary>New content for a status (Mastodon's edit); visibility and reply target cannot change.</summary>
/// <param name="Text">The new text.</param>
/// <param name="SpoilerText">The new content warning, or empty.</param>
/// <param name="Sensitive">Whether it is marked sensitive.</param>
/// <param name="Language">Language code, or null to keep the current one.</param>
/// <param name="Mentions">Accounts the new text mentions (resolved by the author's grain).</param>
/// <param name="Tags">Hashtags of the new text, lower-cased.</param>
public sealed record StatusEdit(string Text, string SpoilerText, bool Sensitive, string? Language, ImmutableArray<Mention> Mentions, ImmutableArray<string> Tags);
