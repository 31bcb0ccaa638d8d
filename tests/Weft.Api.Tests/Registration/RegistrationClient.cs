using System.Net.Http.Headers;
using Weft.Api.Tests.Support;

namespace Weft.Api.Tests.Registration;

/// <summary>Posts sign-ups with one app token (write:accounts), as a client's sign-up screen does.</summary>
public sealed class RegistrationClient(HttpClient client, string appToken)
{
    public static async Task<RegistrationClient> CreateAsync(HttpClient client)
    {
        var app = await TestAccounts.CreateAppAsync(client);
        return new RegistrationClient(client, await TestAccounts.ClientCredentialsTokenAsync(client, app));
    }

    public Task<HttpResponseMessage> RegisterAsync(string username, string email, string password = TestAccounts.Password) =>
        PostAsync(new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username,
            ["email"] = email,
            ["password"] = password,
            ["agreement"] = "true",
            ["locale"] = "en",
        }));

    public async Task<HttpResponseMessage> PostAsync(HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/accounts") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", appToken);
        return await client.SendAsync(request);
    }
}
