namespace Weft.Api.OpenApi;

/// <summary><c>{}</c>, Mastodon's answer to actions with nothing to return, as a type for <c>Produces&lt;T&gt;</c>.</summary>
public sealed record EmptyObject;
