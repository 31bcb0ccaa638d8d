namespace Weft.Api.Registration;

/// <summary>Mastodon's 422 answer to a refused sign-up: a summary and, per field, why it was refused.</summary>
public sealed record ValidationErrorEntity(string Error, IReadOnlyDictionary<string, IReadOnlyList<FieldError>> Details);
