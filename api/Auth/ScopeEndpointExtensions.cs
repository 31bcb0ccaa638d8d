using Weft.Api.Infrastructure;

namespace Weft.Api.Auth;

/// <summary>
/// Declares what token an endpoint needs: a <see cref="ScopeRequirement"/> in its metadata (which the OpenAPI document
/// reads) and a filter that checks it before the handler runs.
/// </summary>
public static class ScopeEndpointExtensions
{
    /// <summary>Needs a user token granting <paramref name="scope"/> (or a parent scope).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Require(new ScopeRequirement(scope, ScopeCaller.User));

    /// <summary>Needs an app or user token granting <paramref name="scope"/>.</summary>
    public static TBuilder RequireAppScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Require(new ScopeRequirement(scope, ScopeCaller.AppOrUser));

    /// <summary>
    /// Open to anonymous callers, but a token, if sent, must grant <paramref name="scope"/> (Mastodon's
    /// <c>authorize_if_got_token!</c>): otherwise a token issued for writing only would read as its user, private
    /// statuses included.
    /// </summary>
    public static TBuilder RequireScopeIfToken<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Require(new ScopeRequirement(scope, ScopeCaller.AnonymousOrToken));

    private static TBuilder Require<TBuilder>(this TBuilder builder, ScopeRequirement requirement)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(requirement).AddEndpointFilter(new ScopeFilter(requirement));

    private sealed class ScopeFilter(ScopeRequirement requirement) : IEndpointFilter
    {
        // The refusals do not depend on the request, so they are made once per endpoint.
        private readonly IResult _outOfScope = ApiErrors.InsufficientScope(requirement.Scope);
        private readonly IResult _userRequired = ApiErrors.Unprocessable("This method requires an authenticated user");

        public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var token = context.HttpContext.GetAuthenticatedToken();
            if (token is null)
            {
                return requirement.Caller == ScopeCaller.AnonymousOrToken ? next(context) : ValueTask.FromResult<object?>(ApiErrors.Unauthorized());
            }

            if (!token.Scopes.Grants(requirement.Scope))
            {
                return ValueTask.FromResult<object?>(_outOfScope);
            }

            if (requirement.Caller == ScopeCaller.User && token.Grant.AccountId is null)
            {
                return ValueTask.FromResult<object?>(_userRequired);
            }

            return next(context);
        }
    }
}
