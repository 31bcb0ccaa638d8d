using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Weft.GrainInterfaces.Auth;
using Weft.Grains.Tests.Support;

namespace Weft.Grains.Tests.Auth;

/// <summary>Authorization codes on a silo whose clock the test drives: one use, ten minutes, bound to client, redirect and PKCE.</summary>
public sealed class AuthorizationCodeGrainTests : ClockedSqliteSiloTest
{
    private IGrainFactory Grains => Silo.GrainFactory;

    [Fact]
    public async Task Code_redeems_once_within_ten_minutes()
    {
        var code = Grains.GetGrain<IAuthorizationCodeGrain>("code-once");
        await code.IssueAsync(Grant());
        Clock.Advance(TimeSpan.FromMinutes(9));

        var first = await code.RedeemAsync("client", "https://app.example/cb");
        var second = await code.RedeemAsync("client", "https://app.example/cb");

        Assert.Equal(42L, first?.AccountId);
        Assert.Null(second);
    }

    [Fact]
    public async Task Code_older_than_ten_minutes_is_refused()
    {
        var code = Grains.GetGrain<IAuthorizationCodeGrain>("code-late");
        await code.IssueAsync(Grant());
        Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        Assert.Null(await code.RedeemAsync("client", "https://app.example/cb"));
    }

    [Fact]
    public async Task Pkce_code_needs_the_matching_verifier()
    {
        const string verifier = "a-verifier-of-at-least-forty-three-characters-long";
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var withoutVerifier = Grains.GetGrain<IAuthorizationCodeGrain>("code-pkce-1");
        var withVerifier = Grains.GetGrain<IAuthorizationCodeGrain>("code-pkce-2");
        await withoutVerifier.IssueAsync(Grant(), challenge);
        await withVerifier.IssueAsync(Grant(), challenge);

        Assert.Null(await withoutVerifier.RedeemAsync("client", "https://app.example/cb"));
        Assert.Equal(42L, (await withVerifier.RedeemAsync("client", "https://app.example/cb", verifier))?.AccountId);
    }

    [Fact]
    public async Task Unknown_code_is_refused()
    {
        Assert.Null(await Grains.GetGrain<IAuthorizationCodeGrain>("never-issued").RedeemAsync("client", "https://app.example/cb"));
    }

    private TokenGrant Grant() => new(42, "client", "read", Clock.GetUtcNow(), "https://app.example/cb");
}
