using Weft.Api.Auth;
using Weft.GrainInterfaces.Live;

namespace Weft.Api.Streaming;

/// <summary>The stream names Weft serves, what they need, and which live channel and events each carries.</summary>
public static class StreamingSubscriptions
{
    public const string User = "user";
    public const string UserNotification = "user:notification";
    public const string Public = "public";
    public const string PublicLocal = "public:local";

    /// <summary>Whether <paramref name="token"/> may subscribe to <paramref name="stream"/>.</summary>
    public static StreamingRefusal Check(string stream, AuthenticatedToken? token) => stream switch
    {
        User or UserNotification => Needs(token, ScopeOf(stream)!),
        Public or PublicLocal => StreamingRefusal.None,
        _ => StreamingRefusal.Unknown,
    };

    /// <summary>The scope a stream needs, or null for public streams and unknown names.</summary>
    public static string? ScopeOf(string stream) => stream switch
    {
        User => "read:statuses",
        UserNotification => "read:notifications",
        _ => null,
    };

    /// <summary>The live channel behind a stream; <paramref name="accountId"/> is the user's for user streams.</summary>
    public static LiveChannel Channel(string stream, long accountId) =>
        stream is User or UserNotification ? LiveChannel.User(accountId) : LiveChannel.Public;

    /// <summary>Whether the stream forwards events of this kind.</summary>
    public static bool Carries(string stream, LiveEventKind kind) => stream switch
    {
        UserNotification => kind == LiveEventKind.Notification,
        Public or PublicLocal => kind != LiveEventKind.Notification,
        _ => true,
    };

    private static StreamingRefusal Needs(AuthenticatedToken? token, string scope) =>
        token?.Grant.AccountId is null ? StreamingRefusal.Unauthorized
        : token.Scopes.Grants(scope) ? StreamingRefusal.None
        : StreamingRefusal.OutOfScope;
}
