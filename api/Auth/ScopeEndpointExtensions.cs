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

    private sealed class ScopeFilter(string scope, bool userRequired) : IEndpointFilter
    {
        public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var token = context.HttpContext.GetAuthenticatedToken();
            if (token is null)
            {
                return ValueTask.FromResult<object?>(ApiErrors.Unauthorized());
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
