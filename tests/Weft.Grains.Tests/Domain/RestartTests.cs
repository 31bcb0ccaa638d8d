using Microsoft.Data.Sqlite;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Tests.Support;

namespace Weft.Grains.Tests.Domain;

/// <summary>Counters and timelines come back from the store when a new silo starts on the same database.</summary>
public sealed class RestartTests : SqliteRestartTest
{
    [Fact]
    public async Task Followers_count_of_200_concurrent_follows_is_still_exactly_200_after_reactivation()
    {
        long followee;
        long[] followers;
        await using (var silo = await StartAsync())
        {
            var kit = new SocialTestKit(silo.GrainFactory);
            followee = await kit.CreateAccountAsync();
            followers = await kit.CreateAccountsAsync(200);
            await Task.WhenAll(followers.Select(f => kit.Account(f).FollowAsync(followee, FollowChange.None)));
            Assert.Equal(200, (await kit.Account(followee).GetAsync())!.FollowersCount);
        }

        await using (var silo = await StartAsync())
        {
            var kit = new SocialTestKit(silo.GrainFactory);
            Assert.Equal(200, (await kit.Account(followee).GetAsync())!.FollowersCount);
            Assert.Equal(1, (await kit.Account(followers[17]).GetAsync())!.FollowingCount);
            Assert.True(await kit.Account(followers[17]).IsFollowingAsync(followee));
        }
    }

    [Fact]
    public async Task Profile_fields_and_the_notes_links_are_stored_with_the_profile_and_come_back_in_a_new_silo()
    {
        long account;
        long friend;
        await using (var silo = await StartAsync())
        {
            var kit = new SocialTestKit(silo.GrainFactory);
            account = await kit.CreateAccountAsync();
            friend = await kit.CreateAccountAsync();
            await kit.Account(account).UpdateProfileAsync(new ProfileChange(
                null, $"note for @user{friend} on #Weft", null, [new ProfileField("Site", "https://example.com"), new ProfileField("Pronouns", "she/her")]));
        }

        await using (var silo = await StartAsync())
        {
            var profile = (await new SocialTestKit(silo.GrainFactory).Account(account).GetAsync())!.Profile;
            Assert.Equal($"note for @user{friend} on #Weft", profile.Note);
            Assert.Equal([new ProfileField("Site", "https://example.com"), new ProfileField("Pronouns", "she/her")], profile.Fields);
            Assert.Equal([new Mention(friend, "user" + friend)], profile.NoteMentions);
            Assert.Equal(["weft"], profile.NoteTags);
        }
    }

    [Fact]
    public async Task Posting_defaults_are_stored_with_the_account_and_apply_in_a_new_silo()
    {
        long account;
        await using (var silo = await StartAsync())
        {
            var kit = new SocialTestKit(silo.GrainFactory);
            account = await kit.CreateAccountAsync();
            await kit.Account(account).UpdateProfileAsync(new ProfileChange(
                null, null, null, DefaultVisibility: StatusVisibility.Unlisted, DefaultSensitive: true, DefaultLanguage: "de"));
        }

        await using (var silo = await StartAsync())
        {
            var kit = new SocialTestKit(silo.GrainFactory);
            Assert.Equal(new PostingDefaults(StatusVisibility.Unlisted, true, "de"), (await kit.Account(account).GetCredentialsAsync())!.PostingDefaults);
            var posted = (await kit.Account(account).PostStatusAsync(new StatusDraft("after a restart", null, null, "", null, null, "tests"), null)).Status!;
            Assert.Equal((StatusVisibility.Unlisted, true, "de"), (posted.Visibility, posted.Sensitive, posted.Language));
        }
    }

    [Fact]
    public async Task Creating_a_stored_status_again_in_a_new_silo_returns_it_with_its_counts_and_changes_nothing()
    {
        GrainInterfaces.Statuses.StatusSnapshot posted;
        long fan;
        await using (var silo = await StartAsync())
        {
            var kit = new SocialTestKit(silo.GrainFactory);
            var author = await kit.CreateAccountAsync();
            fan = await kit.CreateAccountAsync();
            posted = await kit.PostAsync(author, "the original text");
            Assert.Null((await kit.Status(posted.Id).FavouriteAsync(fan)).Error);
        }

        await using (var silo = await StartAsync())
        {
            var kit = new SocialTestKit(silo.GrainFactory);

            // CreateAsync activates without reading the state (fresh keys); the stored status still wins.
            var again = await kit.Status(posted.Id).CreateAsync(posted with { Text = "a different text" });

            Assert.Equal("the original text", again.Text);
            Assert.Equal(1, again.FavouritesCount);
            var view = await kit.Status(posted.Id).GetAsync(fan);
            Assert.Equal("the original text", view!.Status.Text);
            Assert.True(view.Favourited);
        }
    }

    [Fact]
    public async Task Home_timeline_is_rebuilt_in_order_after_its_state_is_cleared()
    {
        long reader;
        long[] expected;
        await using (var silo = await StartAsync())
        {
            var kit = new SocialTestKit(silo.GrainFactory);
            var authors = await kit.CreateAccountsAsync(2);
            reader = await kit.CreateAccountAsync();
            await kit.FollowAsync(reader, authors[0]);
            await kit.FollowAsync(reader, authors[1]);
            var posted = new List<long>();
            for (var i = 0; i < 6; i++)
            {
                posted.Add((await kit.PostAsync(authors[i % 2], "post " + i)).Id);
            }

            var own = await kit.PostAsync(reader, "my own");
            posted.Add(own.Id);
            expected = [.. posted.AsEnumerable().Reverse()];
            await kit.WaitForTimelineAsync(reader, expected);
        }

        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM grain_state WHERE grain_type = 'hometimeline'";
            Assert.True(await command.ExecuteNonQueryAsync() >= 1);
        }

        await using (var silo = await StartAsync())
        {
            var kit = new SocialTestKit(silo.GrainFactory);
            Assert.Equal(expected, await kit.TimelineIdsAsync(reader));
        }
    }

    [Fact]
    public async Task Home_timeline_drops_an_account_no_longer_followed_when_it_reactivates()
    {
        long reader;
        long kept;
        await using (var silo = await StartAsync())
        {
            var kit = new SocialTestKit(silo.GrainFactory);
            var gone = await kit.CreateAccountAsync();
            var stays = await kit.CreateAccountAsync();
            reader = await kit.CreateAccountAsync();
            await kit.FollowAsync(reader, gone);
            await kit.FollowAsync(reader, stays);
            Assert.Empty(await kit.TimelineIdsAsync(reader));
            var goneStatus = await kit.PostAsync(gone, "from an account about to be unfollowed");
            kept = (await kit.PostAsync(stays, "from an account still followed")).Id;
            await kit.WaitForTimelineAsync(reader, [kept, goneStatus.Id]);
        }

        // The unfollow committed in the store, but the timeline's removal was lost (a crash before its write).
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM follows WHERE follower_id = $reader AND followee_id <> (SELECT max(followee_id) FROM follows WHERE follower_id = $reader)";
            command.Parameters.AddWithValue("$reader", reader);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await using (var silo = await StartAsync())
        {
            var kit = new SocialTestKit(silo.GrainFactory);
            Assert.Equal([kept], await kit.TimelineIdsAsync(reader));
        }
    }
}
