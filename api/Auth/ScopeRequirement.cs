namespace Weft.Api.Auth;

/// <summary>
/// The token an endpoint needs, as endpoint metadata: set by <see cref="ScopeEndpointExtensions"/>, enforced by its
/// filter, and read by the OpenAPI document to state each operation's security.
/// </summary>
/// <param name="Scope">The scope the token must grant (directly or through a parent scope).</param>
/// <param name="Caller">Who may call.</param>
public sealed record ScopeRequirement(string Scope, ScopeCaller Caller);
