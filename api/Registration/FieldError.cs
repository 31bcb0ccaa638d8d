namespace Weft.Api.Registration;

/// <summary>One reason a field was refused, in Mastodon's validation-error details.</summary>
/// <param name="Error">The code, e.g. ERR_TAKEN.</param>
/// <param name="Description">The message without the field name, e.g. "has already been taken".</param>
public sealed record FieldError(string Error, string Description);
