namespace Weft.GrainInterfaces.Statuses;

/// <summary>A status as the author submits it, validated for shape by the caller (length ≤ 500, known visibility).</summary>
/// <param name="Text">The text, plain; mentions (@name) and hashtags (#tag) are found in it.</param>
/// <param name="Visibility">Who may see it; null for the author's default (a new post only).</param>
/// <param name="InReplyToId">The status it replies to, or null.</param>
/// <param name="SpoilerText">The content warning, or empty.</param>
/// <param name="Sensitive">Whether media is marked sensitive; null for the author's default (a new post only).</param>
/// <param name="Language">ISO 639 language code, or null (for a new post: the author's default, if any).</param>
/// <param name="ApplicationName">The client app that posted it, or null.</param>
public sealed record StatusDraft(
    string Text,
    StatusVisibility? Visibility,
    long? InReplyToId,
    string SpoilerText,
    bool? Sensitive,
    string? Language,
    string? ApplicationName);
