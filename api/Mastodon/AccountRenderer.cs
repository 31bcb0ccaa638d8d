using System.Collections.Immutable;
using System.Globalization;
using Weft.Api.Infrastructure;
using Weft.GrainInterfaces.Accounts;

namespace Weft.Api.Mastodon;

/// <summary>
/// Renders accounts from their grains' snapshots. A rendered account is cached until its snapshot changes, so a warm
/// read costs one in-memory grain call and a comparison.
/// </summary>
public sealed class AccountRenderer(IGrainFactory grains)
{
    private const int MaxCached = 100_000;

    /// <summary>The image shown for every avatar until uploads exist.</summary>
    public const string MissingAvatarPath = "/avatars/original/missing.png";

    /// <summary>The image shown for every header until uploads exist.</summary>
    public const string MissingHeaderPath = "/headers/original/missing.png";

    private readonly BoundedCache<long, CachedAccount> _cache = new(MaxCached);
    private readonly GrainReferenceCache<long, IAccountGrain> _grains = new(grains.GetGrain<IAccountGrain>);

    /// <summary>The account as others see it, or null if it does not exist.</summary>
    public ValueTask<Account?> LoadAsync(long accountId, string origin)
    {
        var pending = _grains.Get(accountId).GetAsync();
        if (pending.IsCompletedSuccessfully)
        {
            return ValueTask.FromResult(pending.Result is { } snapshot ? Render(snapshot, origin) : null);
        }

        return Slow(pending, origin);

        async ValueTask<Account?> Slow(ValueTask<AccountSnapshot?> task, string origin) =>
            await task.ConfigureAwait(false) is { } snapshot ? Render(snapshot, origin) : null;
    }

    /// <summary>The account named <paramref name="username"/> (lower case), or null if there is none.</summary>
    public async ValueTask<Account?> LoadByUsernameAsync(string username, string origin) =>
        await grains.GetGrain<IUniqueNameGrain>("username:" + username).GetAccountIdAsync().ConfigureAwait(false) is { } accountId
            ? await LoadAsync(accountId, origin).ConfigureAwait(false)
            : null;

    /// <summary>The accounts that exist among <paramref name="accountIds"/>, in order.</summary>
    public async ValueTask<IReadOnlyList<Account>> LoadManyAsync(ImmutableArray<long> accountIds, string origin)
    {
        var pending = new ValueTask<Account?>[accountIds.Length];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = LoadAsync(accountIds[i], origin);
        }

        var accounts = new List<Account>(pending.Length);
        foreach (var task in pending)
        {
            if ((task.IsCompletedSuccessfully ? task.Result : await task.ConfigureAwait(false)) is { } account)
            {
                accounts.Add(account);
            }
        }

        return accounts;
    }

    /// <summary>Renders a snapshot, from the cache when it has not changed.</summary>
    public Account Render(AccountSnapshot snapshot, string origin)
    {
        var id = snapshot.Profile.Id;
        if (_cache.TryGetValue(id, out var cached) && cached.Snapshot.Equals(snapshot) && cached.Origin == origin)
        {
            return cached.Account;
        }

        var account = Build(snapshot, origin);
        _cache.Set(id, new CachedAccount(snapshot, origin, account));
        return account;
    }

    /// <summary>The signed-in user's own account, with its plain-text source (posting defaults included) and role.</summary>
    public CredentialAccount RenderCredential(AccountCredentials credentials, string origin)
    {
        var (snapshot, defaults) = (credentials.Account, credentials.PostingDefaults);
        return new(
            Render(snapshot, origin),
            new AccountSource
            {
                Privacy = StatusRenderer.VisibilityName(defaults.Visibility),
                Sensitive = defaults.Sensitive,
                Language = defaults.Language,
                Note = snapshot.Profile.Note,
                Fields = [.. (snapshot.Profile.Fields ?? []).Select(field => new Field { Name = field.Name, Value = field.Value })],
                FollowRequestsCount = 0,
                Discoverable = snapshot.Profile.Discoverable,
                Indexable = snapshot.Profile.Indexable,
                HideCollections = snapshot.Profile.HideCollections,
            },
            Role.Everyone);
    }

    private static Account Build(AccountSnapshot snapshot, string origin)
    {
        var profile = snapshot.Profile;
        return new Account
        {
            Id = profile.Id.ToString(CultureInfo.InvariantCulture),
            Username = profile.Username,
            Acct = profile.Username,
            DisplayName = profile.DisplayName,
            Locked = profile.Locked,
            Bot = profile.Bot,
            Discoverable = profile.Discoverable,
            Indexable = profile.Indexable,
            Group = false,
            CreatedAt = MastodonDates.Midnight(profile.CreatedAt),
            Note = HtmlText.FormatNote(profile.Note, profile.NoteMentions, profile.NoteTags, origin),
            Fields = [.. (profile.Fields ?? []).Select(field => new Field { Name = field.Name, Value = HtmlText.FormatField(field.Value, origin) })],
            Url = origin + "/@" + profile.Username,
            Uri = origin + "/users/" + profile.Username,
            Avatar = origin + MissingAvatarPath,
            AvatarStatic = origin + MissingAvatarPath,
            Header = origin + MissingHeaderPath,
            HeaderStatic = origin + MissingHeaderPath,
            FollowersCount = snapshot.FollowersCount,
            FollowingCount = snapshot.FollowingCount,
            StatusesCount = snapshot.StatusesCount,
            LastStatusAt = snapshot.LastStatusAt is { } last ? MastodonDates.Date(last) : null,
            HideCollections = profile.HideCollections,
            Noindex = false,
        };
    }

    private sealed record CachedAccount(AccountSnapshot Snapshot, string Origin, Account Account);
}
