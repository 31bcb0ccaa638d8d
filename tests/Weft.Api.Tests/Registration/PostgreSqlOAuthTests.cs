using System.Net;
using Weft.Api.Tests.Support;
using Weft.Testing.Xunit;
using static Weft.Api.Tests.OAuth.Responses;

namespace Weft.Api.Tests.Registration;

/// <summary>Sign-up, login and revocation on PostgreSQL, across a restart of the API (state read back from the database).</summary>
public sealed class PostgreSqlOAuthTests(PostgreSqlDatabaseFixture database) : IClassFixture<PostgreSqlDatabaseFixture>
{
    [Fact]
    public async Task Sign_up_then_login_survives_a_restart_and_duplicates_stay_refused()
    {
        TestApp app;
        string firstToken;
        using (var factory = ApiFactory.OnPostgreSql(database.ConnectionString))
        {
            using var client = factory.CreateClient();
            firstToken = await TestAccounts.RegisterAsync(client, "Durable");
            app = await TestAccounts.CreateAppAsync(client);
            TestAccounts.Authorize(client, firstToken);
            await JsonAsync(await client.GetAsync("/api/v1/preferences"), HttpStatusCode.OK);
        }

        using (var factory = ApiFactory.OnPostgreSql(database.ConnectionString))
        {
            using var client = factory.CreateClient();
            var byEmail = await TestAccounts.PasswordTokenAsync(client, app, TestAccounts.EmailOf("Durable"));
            TestAccounts.Authorize(client, firstToken);
            await JsonAsync(await client.GetAsync("/api/v1/preferences"), HttpStatusCode.OK);

            await JsonAsync(await client.PostAsync("/oauth/revoke", Form(
                ("client_id", app.ClientId), ("client_secret", app.ClientSecret), ("token", byEmail))), HttpStatusCode.OK);
            TestAccounts.Authorize(client, byEmail);
            await JsonAsync(await client.GetAsync("/api/v1/preferences"), HttpStatusCode.Unauthorized);

            client.DefaultRequestHeaders.Authorization = null;
            var registrations = await RegistrationClient.CreateAsync(client);
            var duplicate = await JsonAsync(await registrations.RegisterAsync("DURABLE", "else@example.test"), HttpStatusCode.UnprocessableEntity);
            Assert.Equal("Validation failed: Username has already been taken", duplicate.GetProperty("error").GetString());
        }
    }
}
