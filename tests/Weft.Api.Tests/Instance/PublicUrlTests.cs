using System.Net;
using System.Text.Json;
using Weft.Api.Tests.Support;

namespace Weft.Api.Tests.Instance;

/// <summary>
/// With <c>Weft:Instance:PublicUrl</c> set, every absolute URL is built from it (as Mastodon's LOCAL_DOMAIN): the Host
/// a client or proxy sends changes none of them, and names in that domain are this server's. A malformed address
/// stops start-up naming the setting.
/// </summary>
public sealed class PublicUrlTests
{
    private const string ForgedHost = "evil.example";

    [Fact]
    public async Task Every_url_uses_the_configured_address_whatever_the_host_header()
    {
        using var factory = ApiFactory.OnSqlite(new Dictionary<string, string?> { ["Weft:Instance:PublicUrl"] = "https://social.example" });
        using var alice = await ApiUser.CreateAsync(factory, "alice");
        using var bob = await ApiUser.CreateAsync(factory, "bob");
        alice.Client.DefaultRequestHeaders.Host = ForgedHost;
        var posted = await alice.PostStatusAsync("hello @bob #weft");
        await alice.PostStatusAsync("second");

        using var statusResponse = await alice.Client.GetAsync($"/api/v1/statuses/{posted.Str("id")}");
        var status = await Json.ReadAsync(statusResponse, HttpStatusCode.OK);
        using var pageResponse = await alice.Client.GetAsync($"/api/v1/accounts/{alice.Id}/statuses?limit=1");
        await Json.ReadAsync(pageResponse, HttpStatusCode.OK);
        using var instanceResponse = await alice.Client.GetAsync("/api/v2/instance");
        var instance = await Json.ReadAsync(instanceResponse, HttpStatusCode.OK);
        using var v1Response = await alice.Client.GetAsync("/api/v1/instance");
        var v1 = await Json.ReadAsync(v1Response, HttpStatusCode.OK);

        Assert.Equal($"https://social.example/users/alice/statuses/{posted.Str("id")}", status.Str("uri"));
        Assert.Equal($"https://social.example/@alice/{posted.Str("id")}", status.Str("url"));
        Assert.Equal("https://social.example/@alice", status.GetProperty("account").Str("url"));
        Assert.Contains("href=\"https://social.example/@bob\"", status.Str("content"), StringComparison.Ordinal);
        Assert.Contains("href=\"https://social.example/tags/weft\"", status.Str("content"), StringComparison.Ordinal);
        Assert.DoesNotContain(ForgedHost, status.GetRawText(), StringComparison.Ordinal);
        Assert.StartsWith($"https://social.example/api/v1/accounts/{alice.Id}/statuses?limit=1&max_id=", LinkHeaders.Get(pageResponse, "next"), StringComparison.Ordinal);
        Assert.Equal("social.example", instance.Str("domain"));
        Assert.Equal("wss://social.example", instance.GetProperty("configuration").GetProperty("urls").GetProperty("streaming").GetString());
        Assert.Equal("social.example", v1.Str("uri"));
    }

    [Fact]
    public async Task Names_in_the_configured_domain_are_local_and_a_port_is_kept()
    {
        using var factory = ApiFactory.OnSqlite(new Dictionary<string, string?> { ["Weft:Instance:PublicUrl"] = "http://social.example:8080/" });
        using var alice = await ApiUser.CreateAsync(factory, "alice");
        alice.Client.DefaultRequestHeaders.Host = ForgedHost;

        using var lookup = await alice.Client.GetAsync("/api/v1/accounts/lookup?acct=alice@social.example:8080");
        using var forged = await alice.Client.GetAsync($"/api/v1/accounts/lookup?acct=alice@{ForgedHost}");
        using var finger = await alice.Client.GetAsync("/.well-known/webfinger?resource=" + Uri.EscapeDataString("acct:alice@social.example:8080"));
        using var instanceResponse = await alice.Client.GetAsync("/api/v2/instance");
        var instance = await Json.ReadAsync(instanceResponse, HttpStatusCode.OK);

        Assert.Equal(alice.Id, (await Json.ReadAsync(lookup, HttpStatusCode.OK)).Str("id"));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, finger.StatusCode);
        Assert.Equal("ws://social.example:8080", instance.GetProperty("configuration").GetProperty("urls").GetProperty("streaming").GetString());
    }

    [Fact]
    public async Task An_international_name_is_given_out_in_its_ascii_form_and_links_in_either_form_resolve()
    {
        using var factory = ApiFactory.OnSqlite(new Dictionary<string, string?> { ["Weft:Instance:PublicUrl"] = "https://Bücher.example" });
        using var alice = await ApiUser.CreateAsync(factory, "alice");
        var posted = await alice.PostStatusAsync("international");
        await alice.PostStatusAsync("second");

        using var pageResponse = await alice.Client.GetAsync($"/api/v1/accounts/{alice.Id}/statuses?limit=1");
        await Json.ReadAsync(pageResponse, HttpStatusCode.OK);
        var unicode = await alice.GetJsonAsync("/api/v2/search?resolve=true&q=" + Uri.EscapeDataString("https://bücher.example/@alice"));
        var ascii = await alice.GetJsonAsync("/api/v2/search?resolve=true&q=" + Uri.EscapeDataString($"https://xn--bcher-kva.example/@alice/{posted.Str("id")}"));
        using var finger = await alice.Client.GetAsync("/.well-known/webfinger?resource=" + Uri.EscapeDataString("https://bücher.example/users/alice"));
        using var lookup = await alice.Client.GetAsync("/api/v1/accounts/lookup?acct=" + Uri.EscapeDataString("alice@bücher.example"));
        var instance = await alice.GetJsonAsync("/api/v2/instance");

        Assert.Equal($"https://xn--bcher-kva.example/users/alice/statuses/{posted.Str("id")}", posted.Str("uri"));
        Assert.StartsWith("https://xn--bcher-kva.example/api/v1/accounts/", LinkHeaders.Get(pageResponse, "next"), StringComparison.Ordinal);
        Assert.Equal([alice.Id], Json.Ids(unicode.GetProperty("accounts")));
        Assert.Equal([posted.Str("id")], Json.Ids(ascii.GetProperty("statuses")));
        Assert.Equal(HttpStatusCode.OK, finger.StatusCode);
        Assert.Equal("acct:alice@xn--bcher-kva.example", JsonDocument.Parse(await finger.Content.ReadAsStringAsync()).RootElement.Str("subject"));
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.Equal("xn--bcher-kva.example", instance.Str("domain"));
        Assert.Equal("wss://xn--bcher-kva.example", instance.GetProperty("configuration").GetProperty("urls").GetProperty("streaming").GetString());
    }

    [Fact]
    public async Task An_ipv6_address_keeps_its_brackets_and_port()
    {
        using var factory = ApiFactory.OnSqlite(new Dictionary<string, string?> { ["Weft:Instance:PublicUrl"] = "http://[::1]:8080" });
        using var client = factory.CreateClient();

        var instance = await Json.ReadAsync(await client.GetAsync("/api/v2/instance"), HttpStatusCode.OK);

        Assert.Equal("[::1]:8080", instance.Str("domain"));
        Assert.Equal("ws://[::1]:8080", instance.GetProperty("configuration").GetProperty("urls").GetProperty("streaming").GetString());
    }

    [Theory]
    [InlineData("https://social.example:0")]
    [InlineData("social.example")]
    [InlineData("https://social.example/weft")]
    [InlineData("https://social.example/?x=1")]
    [InlineData("ftp://social.example")]
    [InlineData("https://user:pass@social.example")]
    public void A_malformed_address_stops_start_up_naming_the_setting(string configured)
    {
        using var factory = ApiFactory.OnSqlite(new Dictionary<string, string?> { ["Weft:Instance:PublicUrl"] = configured });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Weft:Instance:PublicUrl", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_setting_urls_follow_the_request()
    {
        using var factory = ApiFactory.OnSqlite();
        using var alice = await ApiUser.CreateAsync(factory, "alice");
        alice.Client.DefaultRequestHeaders.Host = "other.example";

        var posted = await alice.PostStatusAsync("hello");

        Assert.Equal($"http://other.example/users/alice/statuses/{posted.Str("id")}", posted.Str("uri"));
    }
}
