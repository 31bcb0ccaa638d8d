using System.Collections.Immutable;

namespace Weft.GrainInterfaces.Statuses;

/// <summary>One version of a status's content (Mastodon's StatusEdit entity), kept when the status is edited.</summary>
/// <param name="Text">The text of that version.</param>
/// <param name="SpoilerText">Its content warning, or empty.</param>
/// <param name="Sensitive">Whether it was marked sensitive.</param>
/// <param name="Mentions">The accounts it mentioned (for rendering its links).</param>
/// <param name="Tags">Its hashtags.</param>
/// <param name="At">When this version was made: the posting time, or the edit's.</param>
public sealed record StatusRevision(
    string Text, string SpoilerText, bool Sensitive, ImmutableArray<Mention> Mentions,
    ImmutableArray<string> Tags, DateTimeOffset At);
