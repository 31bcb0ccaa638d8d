namespace Weft.Api.Auth;

/// <summary>Who may call an endpoint with a <see cref="ScopeRequirement"/>.</summary>
public enum ScopeCaller
{
    /// <summary>A user token only (an app token is 422, as Mastodon answers it).</summary>
    User,

    /// <summary>An app token or a user token.</summary>
    AppOrUser,

    /// <summary>Anyone; a token, if sent, must grant the scope.</summary>
    AnonymousOrToken,
}
