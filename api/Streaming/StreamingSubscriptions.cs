using Weft.Api.Auth;
using Weft.Api.Tags;
using Weft.GrainInterfaces.Live;

namespace Weft.Api.Streaming;

/// <summary>The stream names Weft serves, what they need, and which live channel and events each carries.</summary>
public static class StreamingSubscriptions
{
    public const string User = "user";
    public const string UserNotification = "user:notification";
    public const string Public = "public";
    public const string PublicLocal = "public:local";
    public const string PublicMedia = "public:media";
    public const string PublicLocalMedia = "public:local:media";
    public const string PublicRemote = "public:remote";
    public const string PublicRemoteMedia = "public:remote:media";
    public const string Hashtag = "hashtag";
    public const string HashtagLocal = "hashtag:local";
    public const string List = "list";
    public const string Direct = "direct";

    /// <summary>
    /// Whether <paramref name="token"/> may subscribe to <paramref name="stream"/> (with <paramref name="tag"/> for hashtag
    /// streams, <paramref name="list"/> for list streams; whether the list is the user's is checked on subscribing).
    /// </summary>
    public static StreamingRefusal Check(string stream, string? tag, string? list, AuthenticatedToken? token) => stream switch
    {
        User or UserNotification or Direct => Needs(token, ScopeOf(stream)!),
        List => string.IsNullOrEmpty(list) ? StreamingRefusal.MissingList : Needs(token, ScopeOf(stream)!),
        Public or PublicLocal or PublicMedia or PublicLocalMedia or PublicRemote or PublicRemoteMedia => StreamingRefusal.None,
        Hashtag or HashtagLocal => string.IsNullOrEmpty(tag) ? StreamingRefusal.MissingTag : StreamingRefusal.None,
        _ => StreamingRefusal.Unknown,
    };

    /// <summary>
    /// Whether the stream is one Weft serves but nothing is ever on: statuses with media (there are no media yet) and
    /// remote statuses (there is no federation). Subscribing succeeds, as in Mastodon, and stays quiet.
    /// </summary>
    public static bool IsQuiet(string stream) => stream is PublicMedia or PublicLocalMedia or PublicRemote or PublicRemoteMedia;

    /// <summary>
    /// The stream of a server-sent events path with its <c>only_media</c> parameter (Mastodon's
    /// <c>/api/v1/streaming/public?only_media=true</c> is <c>public:media</c>).
    /// </summary>
    public static string WithOnlyMedia(string stream, bool onlyMedia) =>
        onlyMedia && stream is Public or PublicLocal or PublicRemote ? stream + ":media" : stream;

    /// <summary>Whether the stream takes a <c>tag</c> parameter.</summary>
    public static bool IsHashtag(string stream) => stream is Hashtag or HashtagLocal;

    /// <summary>The scope a stream needs, or null for public streams and unknown names.</summary>
    public static string? ScopeOf(string stream) => stream switch
    {
        User or Direct => "read:statuses",
        UserNotification => "read:notifications",
        List => "read:lists",
        _ => null,
    };

    /// <summary>
    /// The live channel behind a stream; <paramref name="accountId"/> is the user's for user streams, <paramref name="tag"/>
    /// the tag for hashtag streams. A malformed tag, as Mastodon's, subscribes to a channel nothing is ever published on
    /// (statuses carry well-formed tags only).
    /// </summary>
    public static LiveChannel Channel(string stream, long accountId, string? tag) => stream switch
    {
        User or UserNotification or Direct => LiveChannel.User(accountId),
        Hashtag or HashtagLocal => LiveChannel.Tag(TagName.Normalize(tag) ?? "#" + tag),
        _ => LiveChannel.Public,
    };

    /// <summary>
    /// Whether the stream forwards events of this kind; the user stream carries notifications only to a token that may
    /// read them (<paramref name="readsNotifications"/>), as Mastodon's streaming server decides.
    /// </summary>
    public static bool Carries(string stream, LiveEventKind kind, bool readsNotifications = false) => stream switch
    {
        UserNotification => kind == LiveEventKind.Notification,
        Direct => kind == LiveEventKind.Conversation,
        User => kind is LiveEventKind.Update or LiveEventKind.Delete or LiveEventKind.StatusUpdate
            || (kind == LiveEventKind.Notification && readsNotifications),
        _ => kind is LiveEventKind.Update or LiveEventKind.Delete or LiveEventKind.StatusUpdate,
    };

    /// <summary>Whether the token may read notifications (<c>read:notifications</c>, or <c>read</c>).</summary>
    public static bool ReadsNotifications(AuthenticatedToken? token) => token?.Scopes.Grants("read:notifications") == true;

    private static StreamingRefusal Needs(AuthenticatedToken? token, string scope) =>
        token?.Grant.AccountId is null ? StreamingRefusal.Unauthorized
        : token.Scopes.Grants(scope) ? StreamingRefusal.None
        : StreamingRefusal.OutOfScope;
}
