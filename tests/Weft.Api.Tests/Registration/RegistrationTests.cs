using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Api.Tests.OAuth;
using Weft.Api.Tests.Support;
using static Weft.Api.Tests.OAuth.Responses;

namespace Weft.Api.Tests.Registration;

public sealed class RegistrationTests(SqliteApiHost host) : IClassFixture<SqliteApiHost>
{
    private readonly HttpClient _client = host.Factory.CreateClient();

    [Fact]
    public async Task Sign_up_answers_a_user_token_with_the_apps_scopes()
    {
        var app = await TestAccounts.CreateAppAsync(_client, scopes: "read write follow");
        var appToken = await TestAccounts.ClientCredentialsTokenAsync(_client, app, "write:accounts");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/accounts")
        {
            Content = Form(("username", "Newcomer"), ("email", "newcomer@example.test"), ("password", TestAccounts.Password),
                ("agreement", "true"), ("locale", "en")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", appToken);

        var token = await JsonAsync(await _client.SendAsync(request), HttpStatusCode.OK);

        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal("read write follow", token.GetProperty("scope").GetString());
        TestAccounts.Authorize(_client, token.GetProperty("access_token").GetString()!);
        await JsonAsync(await _client.GetAsync("/api/v1/preferences"), HttpStatusCode.OK);
        _client.DefaultRequestHeaders.Authorization = null;
        var login = await TestAccounts.PasswordTokenAsync(_client, app, "newcomer");
        Assert.Equal(43, login.Length);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("en", true)]
    [InlineData("pt-BR", true)]
    [InlineData("zh_TW", true)]
    [InlineData("sr-Latn", true)]
    [InlineData("zh-Hant-TW", true)]
    [InlineData("es-419", true)]
    [InlineData("kab", true)]
    [InlineData("en us!", false)]
    [InlineData("zz_ZZ_bogus", false)]
    [InlineData("e", false)]
    [InlineData("english", false)]
    [InlineData("en-", false)]
    [InlineData("en--US", false)]
    [InlineData("en-US-x", false)]
    [InlineData("1en", false)]
    [InlineData("en\n", false)]
    public async Task A_blank_locale_is_no_choice_and_one_not_shaped_as_a_language_tag_is_refused(string locale, bool accepted)
    {
        var app = await TestAccounts.CreateAppAsync(_client, scopes: "read write follow");
        var appToken = await TestAccounts.ClientCredentialsTokenAsync(_client, app, "write:accounts");
        var username = "locale" + Guid.NewGuid().ToString("N")[..8];

        var response = await SignUpAsync(username, locale);

        if (accepted)
        {
            await JsonAsync(response, HttpStatusCode.OK);
            return;
        }

        var error = await JsonAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("ERR_INCLUSION", error.GetProperty("details").GetProperty("locale")[0].GetProperty("error").GetString());
        var lookup = await _client.GetAsync("/api/v1/accounts/lookup?acct=" + username);
        await JsonAsync(lookup, HttpStatusCode.NotFound);

        async Task<HttpResponseMessage> SignUpAsync(string username, string locale)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/accounts")
            {
                Content = Form(("username", username), ("email", username + "@example.test"), ("password", TestAccounts.Password),
                    ("agreement", "true"), ("locale", locale)),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", appToken);
            return await _client.SendAsync(request);
        }
    }

    [Fact]
    public async Task Sign_up_without_a_token_is_401()
    {
        var anonymous = await _client.PostAsync("/api/v1/accounts", Form(("username", "x")));
        await JsonAsync(anonymous, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Duplicate_username_ignoring_case_is_422_taken_in_mastodons_shape()
    {
        var registrations = await RegistrationClient.CreateAsync(_client);
        await JsonAsync(await registrations.RegisterAsync("Twin", "twin1@example.test"), HttpStatusCode.OK);

        var response = await registrations.RegisterAsync("tWIN", "twin2@example.test");

        var error = await JsonAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Validation failed: Username has already been taken", error.GetProperty("error").GetString());
        var username = error.GetProperty("details").GetProperty("username").EnumerateArray().Single();
        Assert.Equal("ERR_TAKEN", username.GetProperty("error").GetString());
        Assert.Equal("has already been taken", username.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Duplicate_email_is_422_taken_and_leaves_the_username_free()
    {
        var registrations = await RegistrationClient.CreateAsync(_client);
        await JsonAsync(await registrations.RegisterAsync("first_mail", "shared@example.test"), HttpStatusCode.OK);

        var taken = await registrations.RegisterAsync("second_mail", "SHARED@example.test");
        var error = await JsonAsync(taken, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Validation failed: Email has already been taken", error.GetProperty("error").GetString());
        Assert.Equal("ERR_TAKEN", error.GetProperty("details").GetProperty("email")[0].GetProperty("error").GetString());

        await JsonAsync(await registrations.RegisterAsync("second_mail", "other@example.test"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Retrying_an_identical_sign_up_answers_a_token_for_the_same_account()
    {
        var registrations = await RegistrationClient.CreateAsync(_client);
        var first = await JsonAsync(await registrations.RegisterAsync("retry_me", "retry@example.test"), HttpStatusCode.OK);

        var again = await JsonAsync(await registrations.RegisterAsync("retry_me", "retry@example.test"), HttpStatusCode.OK);
        var otherPassword = await registrations.RegisterAsync("retry_me", "retry@example.test", "another password");

        Assert.NotEqual(first.GetProperty("access_token").GetString(), again.GetProperty("access_token").GetString());
        await JsonAsync(otherPassword, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Twenty_concurrent_sign_ups_of_one_username_make_exactly_one_account()
    {
        var registrations = await RegistrationClient.CreateAsync(_client);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            registrations.RegisterAsync(i % 2 == 0 ? "Contested" : "contested", $"contender{i}@example.test")));

        var statuses = responses.Select(response => response.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(19, statuses.Count(status => status == HttpStatusCode.UnprocessableEntity));
        foreach (var refused in responses.Where(response => response.StatusCode != HttpStatusCode.OK))
        {
            var error = await JsonAsync(refused, HttpStatusCode.UnprocessableEntity);
            Assert.Equal("ERR_TAKEN", error.GetProperty("details").GetProperty("username")[0].GetProperty("error").GetString());
        }
    }

    [Theory]
    [InlineData("", "ok@example.test", TestAccounts.Password, "username", "ERR_BLANK")]
    [InlineData("has space", "ok@example.test", TestAccounts.Password, "username", "ERR_INVALID")]
    [InlineData("dash-name", "ok@example.test", TestAccounts.Password, "username", "ERR_INVALID")]
    [InlineData("ünïcode", "ok@example.test", TestAccounts.Password, "username", "ERR_INVALID")]
    [InlineData("x'; DROP TABLE grain_state;--", "ok@example.test", TestAccounts.Password, "username", "ERR_INVALID")]
    [InlineData("abcdefghijklmnopqrstuvwxyz12345", "ok@example.test", TestAccounts.Password, "username", "ERR_TOO_LONG")]
    [InlineData("valid_name", "", TestAccounts.Password, "email", "ERR_BLANK")]
    [InlineData("valid_name", "not-an-email", TestAccounts.Password, "email", "ERR_INVALID")]
    [InlineData("valid_name", "a@b", TestAccounts.Password, "email", "ERR_INVALID")]
    [InlineData("valid_name", "a@@b.test", TestAccounts.Password, "email", "ERR_INVALID")]
    [InlineData("valid_name", "ok@example.test", "", "password", "ERR_BLANK")]
    [InlineData("valid_name", "ok@example.test", "short", "password", "ERR_TOO_SHORT")]
    public async Task Invalid_fields_are_422_with_the_field_and_code(string username, string email, string password, string field, string code)
    {
        var registrations = await RegistrationClient.CreateAsync(_client);

        var error = await JsonAsync(await registrations.RegisterAsync(username, email, password), HttpStatusCode.UnprocessableEntity);

        Assert.StartsWith("Validation failed: ", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(code, error.GetProperty("details").GetProperty(field)[0].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Overlong_password_and_missing_agreement_are_both_reported()
    {
        var registrations = await RegistrationClient.CreateAsync(_client);

        var error = await JsonAsync(await registrations.PostAsync(Form(
            ("username", "agreeable"), ("email", "agreeable@example.test"), ("password", new string('p', 73)))), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(
            "Validation failed: Password is too long (maximum is 72 characters), Agreement must be accepted",
            error.GetProperty("error").GetString());
        Assert.Equal("ERR_ACCEPTED", error.GetProperty("details").GetProperty("agreement")[0].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Password_is_stored_only_as_a_salted_hash()
    {
        const string password = "Pl41nT3xt-Never-Stored";
        var registrations = await RegistrationClient.CreateAsync(_client);
        await JsonAsync(await registrations.RegisterAsync("hashed_user", "hashed@example.test", password), HttpStatusCode.OK);

        var connectionString = host.Factory.Services.GetRequiredService<IConfiguration>()["Weft:Storage:Default:ConnectionString"];
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var everything = new StringBuilder();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT grain_type, data FROM grain_state WHERE data IS NOT NULL";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                everything.Append(reader.GetString(0)).Append(' ').Append(Encoding.UTF8.GetString((byte[])reader[1])).Append('\n');
            }
        }

        var stored = everything.ToString();
        Assert.DoesNotContain(password, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(password)), stored, StringComparison.Ordinal);
        var credentials = stored.Split('\n').Single(line => line.StartsWith("credentials ", StringComparison.Ordinal) && line.Contains("hashed@example.test", StringComparison.Ordinal));
        using var state = JsonDocument.Parse(credentials["credentials ".Length..]);
        var hash = Convert.FromBase64String(state.RootElement.GetProperty("PasswordHash").GetString()!);
        Assert.Equal(0x01, hash[0]); // PasswordHasher's version 3 format: PBKDF2 with a random salt.
    }
}
