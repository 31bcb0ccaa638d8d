using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Weft.Api.Tests.Support;
using static Weft.Api.Tests.OAuth.Responses;

namespace Weft.Api.Tests.OAuth;

/// <summary>The browser flow: the login page, its form with the antiforgery token, the redirect, the code exchange with PKCE.</summary>
public sealed partial class AuthorizationCodeFlowTests(SqliteApiHost host) : IClassFixture<SqliteApiHost>
{
    private const string Callback = "https://client.example/callback";

    private readonly HttpClient _browser = host.Factory.CreateClient(
        new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task Login_page_then_code_then_token_with_pkce()
    {
        await TestAccounts.RegisterAsync(_browser, "browser_user");
        var app = await TestAccounts.CreateAppAsync(_browser, redirectUri: Callback);
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(48));

        var page = await _browser.GetAsync(AuthorizeUrl(app, "read write", "state-1", Challenge(verifier)));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        var fields = HiddenFields(await page.Content.ReadAsStringAsync());
        Assert.True(fields.ContainsKey("authenticity_token"));
        fields["username"] = "browser_user";
        fields["password"] = TestAccounts.Password;

        var submitted = await _browser.PostAsync("/oauth/authorize", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Found, submitted.StatusCode);
        var location = submitted.Headers.Location!;
        Assert.StartsWith(Callback + "?code=", location.ToString(), StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("state-1", query["state"]);
        var code = query["code"]!;

        var exchange = await _browser.PostAsync("/oauth/token", Form(
            ("grant_type", "authorization_code"), ("code", code), ("client_id", app.ClientId),
            ("client_secret", app.ClientSecret), ("redirect_uri", Callback), ("code_verifier", verifier)));

        var token = await JsonAsync(exchange, HttpStatusCode.OK);
        Assert.Equal("read write", token.GetProperty("scope").GetString());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/preferences");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        await JsonAsync(await _browser.SendAsync(request), HttpStatusCode.OK);

        var reuse = await _browser.PostAsync("/oauth/token", Form(
            ("grant_type", "authorization_code"), ("code", code), ("client_id", app.ClientId),
            ("client_secret", app.ClientSecret), ("redirect_uri", Callback), ("code_verifier", verifier)));
        await OAuthErrorAsync(reuse, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Wrong_code_verifier_is_invalid_grant_and_burns_the_code()
    {
        await TestAccounts.RegisterAsync(_browser, "pkce_user");
        var app = await TestAccounts.CreateAppAsync(_browser, redirectUri: Callback);
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(48));
        var code = await LogInAsync(app, "pkce_user", Challenge(verifier));

        var wrong = await _browser.PostAsync("/oauth/token", Form(
            ("grant_type", "authorization_code"), ("code", code), ("client_id", app.ClientId),
            ("client_secret", app.ClientSecret), ("redirect_uri", Callback), ("code_verifier", verifier + "x")));
        var right = await _browser.PostAsync("/oauth/token", Form(
            ("grant_type", "authorization_code"), ("code", code), ("client_id", app.ClientId),
            ("client_secret", app.ClientSecret), ("redirect_uri", Callback), ("code_verifier", verifier)));

        await OAuthErrorAsync(wrong, HttpStatusCode.BadRequest, "invalid_grant");
        await OAuthErrorAsync(right, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Code_is_refused_for_another_redirect_uri_or_client()
    {
        await TestAccounts.RegisterAsync(_browser, "bound_user");
        var app = await TestAccounts.CreateAppAsync(_browser, redirectUri: Callback);
        var other = await TestAccounts.CreateAppAsync(_browser, redirectUri: Callback);
        var firstCode = await LogInAsync(app, "bound_user", challenge: null);
        var secondCode = await LogInAsync(app, "bound_user", challenge: null);

        var wrongRedirect = await _browser.PostAsync("/oauth/token", Form(
            ("grant_type", "authorization_code"), ("code", firstCode), ("client_id", app.ClientId),
            ("client_secret", app.ClientSecret), ("redirect_uri", Callback + "/other")));
        var wrongClient = await _browser.PostAsync("/oauth/token", Form(
            ("grant_type", "authorization_code"), ("code", secondCode), ("client_id", other.ClientId),
            ("client_secret", other.ClientSecret), ("redirect_uri", Callback)));

        await OAuthErrorAsync(wrongRedirect, HttpStatusCode.BadRequest, "invalid_grant");
        await OAuthErrorAsync(wrongClient, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Wrong_password_shows_the_form_again_without_a_code()
    {
        await TestAccounts.RegisterAsync(_browser, "typo_user");
        var app = await TestAccounts.CreateAppAsync(_browser, redirectUri: Callback);
        var fields = HiddenFields(await (await _browser.GetAsync(AuthorizeUrl(app, "read", null, null))).Content.ReadAsStringAsync());
        fields["username"] = "typo_user";
        fields["password"] = "wrong password";

        var submitted = await _browser.PostAsync("/oauth/authorize", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Null(submitted.Headers.Location);
        var html = await submitted.Content.ReadAsStringAsync();
        Assert.Contains("Invalid username, e-mail address or password.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"typo_user\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("--B\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nada")]
    public async Task A_malformed_multipart_login_form_is_refused_with_the_page(string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=B");

        var submitted = await _browser.PostAsync("/oauth/authorize", content);

        Assert.Equal(HttpStatusCode.BadRequest, submitted.StatusCode);
        Assert.Null(submitted.Headers.Location);
        Assert.Contains("The login form could not be read.", await submitted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_without_the_antiforgery_token_is_refused()
    {
        await TestAccounts.RegisterAsync(_browser, "csrf_user");
        var app = await TestAccounts.CreateAppAsync(_browser, redirectUri: Callback);
        var fields = HiddenFields(await (await _browser.GetAsync(AuthorizeUrl(app, "read", null, null))).Content.ReadAsStringAsync());
        fields.Remove("authenticity_token");
        fields["username"] = "csrf_user";
        fields["password"] = TestAccounts.Password;

        var submitted = await _browser.PostAsync("/oauth/authorize", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, submitted.StatusCode);
        Assert.Null(submitted.Headers.Location);
        Assert.Contains("expired", await submitted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Antiforgery_token_from_another_browser_is_refused()
    {
        await TestAccounts.RegisterAsync(_browser, "victim_user");
        var app = await TestAccounts.CreateAppAsync(_browser, redirectUri: Callback);
        var attackerFields = HiddenFields(await (await _browser.GetAsync(AuthorizeUrl(app, "read", null, null))).Content.ReadAsStringAsync());
        attackerFields["username"] = "victim_user";
        attackerFields["password"] = TestAccounts.Password;
        using var victim = host.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var submitted = await victim.PostAsync("/oauth/authorize", new FormUrlEncodedContent(attackerFields));

        Assert.Equal(HttpStatusCode.BadRequest, submitted.StatusCode);
        Assert.Null(submitted.Headers.Location);
    }

    [Fact]
    public async Task Out_of_band_redirect_shows_the_code_in_the_page()
    {
        await TestAccounts.RegisterAsync(_browser, "oob_user");
        var app = await TestAccounts.CreateAppAsync(_browser);
        var fields = HiddenFields(await (await _browser.GetAsync(AuthorizeUrl(app, "read", null, null))).Content.ReadAsStringAsync());
        fields["username"] = "oob_user@example.test";
        fields["password"] = TestAccounts.Password;

        var submitted = await _browser.PostAsync("/oauth/authorize", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var code = CodePattern().Match(await submitted.Content.ReadAsStringAsync()).Groups[1].Value;
        var token = await JsonAsync(await _browser.PostAsync("/oauth/token", Form(
            ("grant_type", "authorization_code"), ("code", code), ("client_id", app.ClientId),
            ("client_secret", app.ClientSecret), ("redirect_uri", app.RedirectUri))), HttpStatusCode.OK);
        Assert.Equal("read", token.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task App_name_and_state_are_html_encoded_in_the_page()
    {
        var created = await JsonAsync(await _browser.PostAsync("/api/v1/apps", Form(
            ("client_name", "<script>alert(1)</script>"), ("redirect_uris", Callback), ("scopes", "read"))), HttpStatusCode.OK);
        var clientId = created.GetProperty("client_id").GetString()!;

        var page = await _browser.GetAsync(
            $"/oauth/authorize?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(Callback)}&state=%22%3E%3Cimg%20src%3Dx%3E");

        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("client_id=unknown&redirect_uri=https%3A%2F%2Fclient.example%2Fcallback&response_type=code")]
    [InlineData("client_id={0}&redirect_uri=https%3A%2F%2Fevil.example%2F&response_type=code")]
    [InlineData("client_id={0}&redirect_uri=https%3A%2F%2Fclient.example%2Fcallback&response_type=token")]
    [InlineData("client_id={0}&redirect_uri=https%3A%2F%2Fclient.example%2Fcallback&response_type=code&scope=write")]
    [InlineData("client_id={0}&redirect_uri=https%3A%2F%2Fclient.example%2Fcallback&response_type=code&scope=nonsense")]
    [InlineData("client_id={0}&redirect_uri=https%3A%2F%2Fclient.example%2Fcallback&response_type=code&code_challenge=abcdefghijabcdefghijabcdefghijabcdefghij123&code_challenge_method=plain")]
    [InlineData("client_id={0}&redirect_uri=https%3A%2F%2Fclient.example%2Fcallback&response_type=code&code_challenge=short&code_challenge_method=S256")]
    [InlineData("")]
    public async Task Bad_authorization_request_is_an_error_page_not_a_redirect(string query)
    {
        var app = await TestAccounts.CreateAppAsync(_browser, scopes: "read", redirectUri: Callback);

        var page = await _browser.GetAsync("/oauth/authorize?" + query.Replace("{0}", app.ClientId, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Null(page.Headers.Location);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Authorization failed", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> LogInAsync(TestApp app, string username, string? challenge)
    {
        var fields = HiddenFields(await (await _browser.GetAsync(AuthorizeUrl(app, "read", null, challenge))).Content.ReadAsStringAsync());
        fields["username"] = username;
        fields["password"] = TestAccounts.Password;
        var submitted = await _browser.PostAsync("/oauth/authorize", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Found, submitted.StatusCode);
        return System.Web.HttpUtility.ParseQueryString(submitted.Headers.Location!.Query)["code"]!;
    }

    private static string AuthorizeUrl(TestApp app, string scope, string? state, string? challenge)
    {
        var url = $"/oauth/authorize?response_type=code&client_id={app.ClientId}&redirect_uri={Uri.EscapeDataString(app.RedirectUri)}&scope={Uri.EscapeDataString(scope)}&force_login=true";
        if (state is not null)
        {
            url += "&state=" + Uri.EscapeDataString(state);
        }

        if (challenge is not null)
        {
            url += $"&code_challenge={challenge}&code_challenge_method=S256";
        }

        return url;
    }

    private static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static Dictionary<string, string> HiddenFields(string html) =>
        HiddenFieldPattern().Matches(html).ToDictionary(
            match => WebUtility.HtmlDecode(match.Groups[1].Value), match => WebUtility.HtmlDecode(match.Groups[2].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenFieldPattern();

    [GeneratedRegex("<code id=\"code\">([^<]+)</code>")]
    private static partial Regex CodePattern();
}
