using System.Collections.Immutable;

namespace Weft.Grains.Text;

/// <summary>What <see cref="StatusTextParser"/> found in a status's text.</summary>
/// <param name="MentionedUsernames">Local usernames mentioned (<c>@name</c>), lower-cased, distinct, in order of first appearance.</param>
/// <param name="Tags">Hashtags (<c>#tag</c>), lower-cased, without '#', distinct, in order of first appearance.</param>
public sealed record ParsedStatusText(ImmutableArray<string> MentionedUsernames, ImmutableArray<string> Tags);
