namespace Weft.GrainInterfaces.Accounts;

/// <summary>A profile metadata field (Mastodon's "fields"): a label and its value, both plain text.</summary>
/// <param name="Name">The label, plain text.</param>
/// <param name="Value">The value, plain text (rendered to HTML with links by the API).</param>
public sealed record ProfileField(string Name, string Value);
