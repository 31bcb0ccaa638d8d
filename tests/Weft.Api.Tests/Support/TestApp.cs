namespace Weft.Api.Tests.Support;

/// <summary>An OAuth app registered by a test: its credentials and the redirect URI it registered.</summary>
public sealed record TestApp(string ClientId, string ClientSecret, string RedirectUri);
