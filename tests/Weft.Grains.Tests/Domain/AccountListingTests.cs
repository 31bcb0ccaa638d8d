using Weft.GrainInterfaces.Accounts;
using Weft.Grains.Data;
using Weft.Grains.Tests.Support;

namespace Weft.Grains.Tests.Domain;

/// <summary>
/// The social store's directory of accounts (id and username, for lookups and search) is written once per account:
/// at creation, or by the next activation if creation could not finish it.
/// </summary>
public sealed class AccountListingTests : SqliteRestartTest
{
    [Fact]
    public async Task An_account_listed_at_creation_is_not_listed_again_when_it_activates()
    {
        long id;
        await using (var silo = await StartAsync())
        {
            id = await new SocialTestKit(silo.GrainFactory).CreateAccountAsync();
        }

        var calls = new StoreCalls();
        await using (var silo = await StartAsync(calls))
        {
            Assert.Equal(id, (await new SocialTestKit(silo.GrainFactory).Account(id).GetAsync())!.Profile.Id);
            Assert.True(calls.Called(nameof(ISocialStore.LoadAccountRelationsAsync), id)); // it did activate
            Assert.False(calls.Called(nameof(ISocialStore.AddAccountAsync), id));
            Assert.Equal([id], await silo.Store.SearchAccountsAsync("user" + id, null, 0, 5, CancellationToken.None));
        }
    }

    [Fact]
    public async Task An_account_whose_listing_failed_at_creation_is_listed_when_it_activates_again()
    {
        const long Id = 7_000_001;
        var failing = new StoreCalls { Fails = static (method, _) => method == nameof(ISocialStore.AddAccountAsync) };
        await using (var silo = await StartAsync(failing))
        {
            var profile = new AccountProfile(Id, "unlisted", "Unlisted", string.Empty, DateTimeOffset.UtcNow, false, false);
            await Assert.ThrowsAsync<IOException>(() => silo.GrainFactory.GetGrain<IAccountGrain>(Id).CreateAsync(profile));
            Assert.Empty(await silo.Store.SearchAccountsAsync("unlisted", null, 0, 5, CancellationToken.None));
        }

        await using (var silo = await StartAsync())
        {
            Assert.Equal("unlisted", (await silo.GrainFactory.GetGrain<IAccountGrain>(Id).GetAsync())!.Profile.Username);
            Assert.Equal([Id], await silo.Store.SearchAccountsAsync("unlisted", null, 0, 5, CancellationToken.None));
        }
    }
}
