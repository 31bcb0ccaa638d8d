using Weft.Api.Infrastructure;

namespace Weft.Api.OAuth;

/// <summary>
/// The token and revocation endpoints answer in RFC 6749 §5.2's terms, which OAuth libraries parse: a body that is
/// malformed or a parameter of the wrong type (refused by <c>RequestBody</c> in Mastodon's own words, 400 or 422)
/// becomes 400 <c>invalid_request</c>, with the refusal as its description.
/// </summary>
public static class OAuthErrors
{
    private static readonly HashSet<string> s_codes =
        ["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope", "unsupported_token_type"];

    /// <summary>Answers the endpoint's other refusals as <c>invalid_request</c>.</summary>
    public static RouteHandlerBuilder WithOAuthErrors(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(static async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (ApiException e) when (!s_codes.Contains(e.Error))
            {
                throw new ApiException(
                    StatusCodes.Status400BadRequest, "invalid_request", e.Description is null ? e.Error : $"{e.Error}: {e.Description}");
            }
        });
}
