using Weft.Api.Infrastructure;

namespace Weft.Api.Auth;

/// <summary>Declares what token an endpoint needs; checked by an endpoint filter before the handler runs.</summary>
public static class ScopeEndpointExtensions
{
    /// <summary>Needs a user token granting <paramref name="scope"/> (or a parent scope).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new ScopeFilter(scope, userRequired: true));

    /// <summary>Needs an app or user token granting <paramref name="scope"/>.</summary>
    public static TBuilder RequireAppScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new ScopeFilter(scope, userRequired: false));

    /// <summary>
    /// Open to anonymous callers, but a token, if sent, must grant <paramref name="scope"/> (Mastodon's
    /// <c>authorize_if_got_token!</c>): otherwise a token issued for writing only would read as its user, private
    /// statuses included.
    /// </summary>
    public static TBuilder RequireScopeIfToken<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new ScopeFilter(scope, userRequired: false, anonymousAllowed: true));

    private sealed class ScopeFilter(string scope, bool userRequired, bool anonymousAllowed = false) : IEndpointFilter
    {
        public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var token = context.HttpContext.GetAuthenticatedToken();
            if (token is null)
            {
                return anonymousAllowed ? next(context) : ValueTask.FromResult<object?>(ApiErrors.Unauthorized());
            }

            if (!token.Scopes.Grants(scope))
            {
                return ValueTask.FromResult<object?>(ApiErrors.Forbidden("This action is outside the authorized scopes"));
            }

            if (userRequired && token.Grant.AccountId is null)
            {
                return ValueTask.FromResult<object?>(ApiErrors.Unprocessable("This method requires an authenticated user"));
            }

            return next(context);
        }
    }
}
