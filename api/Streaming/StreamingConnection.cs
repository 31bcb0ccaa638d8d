using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Weft.Api.Auth;
using Weft.Api.Mastodon;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Conversations;
using Weft.GrainInterfaces.Ids;
using Weft.GrainInterfaces.Live;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Timelines;

namespace Weft.Api.Streaming;

/// <summary>
/// One streaming client: live events of its subscriptions go into a bounded queue (the oldest are dropped when a slow
/// client falls behind; what it misses it reads from its timeline), and one writer renders each for the viewer —
/// re-checking visibility through the status grain — and sends Mastodon's {"stream","event","payload"} messages.
/// </summary>
public sealed class StreamingConnection(
    IGrainFactory grains,
    ILiveFeed feed,
    StatusRenderer statuses,
    NotificationRenderer notifications,
    ConversationRenderer conversations,
    AuthenticatedToken? token,
    string origin) : IDisposable
{
    private const int QueueCapacity = 1024;
    private const int MaxIncomingMessage = 16 * 1024;

    // Each subscription is a listener on the live feed that every matching event visits; hashtags make them unbounded.
    private const int MaxSubscriptions = 100;

    // How long a client has to answer the server's close frame at shutdown.
    private static readonly TimeSpan s_closeAnswerTimeout = TimeSpan.FromSeconds(2);

    private readonly Channel<Outgoing> _queue = Channel.CreateBounded<Outgoing>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Dictionary<string, IDisposable> _subscriptions = [];
    private readonly Lock _subscriptionsLock = new();
    private readonly long _viewerId = token?.Grant.AccountId ?? 0;


    /// <summary>
    /// Serves the client until it closes, the request is aborted, or the socket fails. Subscriptions made before (the
    /// one named in the URL) have been queueing events since, so nothing posted during the handshake is missed.
    /// </summary>
    public async Task RunAsync(WebSocket socket, CancellationToken aborted, CancellationToken stopping = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);

        // When the server stops, a close frame tells the client why (1001, going away: reconnect elsewhere or later)
        // after what is queued already; a client that does not answer it soon is cut off, so shutdown is not held up.
        using var goingAway = stopping.Register(() =>
        {
            _queue.Writer.TryWrite(new Outgoing(null, null, null, GoingAway: true));
            stop.CancelAfter(s_closeAnswerTimeout);
        });
        var writer = WriteLoopAsync(socket, stop.Token);
        await ReadLoopAsync(socket, stop.Token);
        _queue.Writer.TryComplete();
        await stop.CancelAsync();
        await writer;
    }

    /// <summary>Ends every subscription.</summary>
    public void Dispose()
    {
        lock (_subscriptionsLock)
        {
            foreach (var subscription in _subscriptions.Values)
            {
                subscription.Dispose();
            }

            _subscriptions.Clear();
        }
    }

    private async Task ReadLoopAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxIncomingMessage];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var length = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    if (length == buffer.Length)
                    {
                        await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "Message too big", cancellationToken);
                        return;
                    }

                    received = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                    length += received.Count;
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    // Answered, unless this is the client's answer to the server's own close.
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                    }

                    return;
                }

                if (received.MessageType == WebSocketMessageType.Text)
                {
                    await HandleMessageAsync(buffer, length);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away or the server is stopping: nothing to answer.
        }
    }

    private async ValueTask HandleMessageAsync(byte[] buffer, int length)
    {
        var (type, stream, tag, list) = ParseMessage(buffer.AsSpan(0, length));
        switch (type)
        {
            case "subscribe" when stream is not null:
                await SubscribeAsync(stream, tag, list);
                return;
            case "unsubscribe" when stream is not null:
                Unsubscribe(stream, tag, list);
                return;
            case null:
                SendError("Could not parse the message", 400);
                return;
            default:
                SendError("Unknown message type or missing stream", 400);
                return;
        }
    }

    private static (string? Type, string? Stream, string? Tag, string? List) ParseMessage(ReadOnlySpan<byte> message)
    {
        string? type = null;
        string? stream = null;
        string? tag = null;
        string? list = null;
        try
        {
            var reader = new Utf8JsonReader(message);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException();
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && name == "type")
                {
                    type = reader.GetString();
                }
                else if (reader.TokenType == JsonTokenType.String && name == "stream")
                {
                    stream = reader.GetString();
                }
                else if (reader.TokenType == JsonTokenType.String && name == "tag")
                {
                    tag = reader.GetString();
                }
                else if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number && name == "list")
                {
                    // A list id as a number too, as clients that keep ids as numbers send it.
                    list = reader.TokenType == JsonTokenType.String ? reader.GetString() : Encoding.UTF8.GetString(reader.ValueSpan);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return (null, null, null, null);
        }

        return (type ?? "", stream, tag, list);
    }

    /// <summary>
    /// Subscribes to a stream, or queues an error message saying why not; false when refused. A user stream reads the
    /// home timeline once, so a timeline not built since the silo started is built now and its fan-out inserts are
    /// streamed from here on.
    /// </summary>
    public async ValueTask<bool> SubscribeAsync(string stream, string? tag, string? list = null)
    {
        switch (StreamingSubscriptions.Check(stream, tag, list, token))
        {
            case StreamingRefusal.Unknown:
                SendError("Unknown stream type", 400);
                return false;
            case StreamingRefusal.MissingTag:
                SendError("Missing tag name parameter", 400);
                return false;
            case StreamingRefusal.MissingList:
                SendError("Missing list name parameter", 400);
                return false;
            case StreamingRefusal.Unauthorized:
                SendError("Missing access token", 401);
                return false;
            case StreamingRefusal.OutOfScope:
                SendError("Access token does not have the required scopes", 403);
                return false;
        }

        if (stream == StreamingSubscriptions.List)
        {
            return await SubscribeListAsync(list!);
        }

        if (StreamingSubscriptions.IsQuiet(stream))
        {
            AddSubscription(SubscriptionKey(stream, null), () => QuietSubscription.Instance);
            return true;
        }

        // Mastodon names a hashtag stream's messages [stream, tag], with the tag as the client gave it.
        var tagged = StreamingSubscriptions.IsHashtag(stream);
        string[] names = tagged ? [stream, tag!] : [stream];
        var channel = StreamingSubscriptions.Channel(stream, _viewerId, tag);
        AddSubscription(SubscriptionKey(stream, tagged ? channel : null), () => Listen(channel, stream, names));

        if (stream == StreamingSubscriptions.User)
        {
            await grains.GetGrain<IHomeTimelineGrain>(_viewerId).ReadAsync(PageRequest.Newest(1));
        }

        return true;
    }

    /// <summary>A list stream: its members' own channels, each status passed through the list's replies policy.</summary>
    private async ValueTask<bool> SubscribeListAsync(string list)
    {
        // Subscribed already: opening it again would queue its events twice until the second was dropped.
        lock (_subscriptionsLock)
        {
            if (SnowflakeId.TryParse(list, out var listId) && _subscriptions.ContainsKey(ListSubscriptionKey(listId)))
            {
                return true;
            }
        }

        string[] names = [StreamingSubscriptions.List, list];
        var writer = _queue.Writer;
        var subscription = await ListStreamSubscription.OpenAsync(grains, feed, _viewerId, list, (liveEvent, filter) =>
        {
            if (StreamingSubscriptions.Carries(StreamingSubscriptions.List, liveEvent.Kind))
            {
                writer.TryWrite(new Outgoing(names, liveEvent, null, filter));
            }
        });
        if (subscription is null)
        {
            SendError("List not found", 404);
            return false;
        }

        if (!AddSubscription(ListSubscriptionKey(subscription.ListId), () => subscription))
        {
            subscription.Dispose();
        }

        return true;
    }

    // Keeps a new subscription under its key, unless the stream is subscribed already or the connection holds as many
    // as it may (then the client is told); whether it was kept.
    private bool AddSubscription(string key, Func<IDisposable> subscribe)
    {
        lock (_subscriptionsLock)
        {
            if (_subscriptions.ContainsKey(key))
            {
                return false;
            }

            if (_subscriptions.Count >= MaxSubscriptions)
            {
                SendError($"Too many subscriptions on one connection (at most {MaxSubscriptions}); unsubscribe first", 429);
                return false;
            }

            _subscriptions[key] = subscribe();
            return true;
        }
    }

    // Queues the channel's events that the stream carries, named as the stream.
    private IDisposable Listen(LiveChannel channel, string stream, string[] names)
    {
        var writer = _queue.Writer;
        var readsNotifications = StreamingSubscriptions.ReadsNotifications(token);
        return feed.Subscribe(channel, liveEvent =>
        {
            if (StreamingSubscriptions.Carries(stream, liveEvent.Kind, readsNotifications))
            {
                writer.TryWrite(new Outgoing(names, liveEvent, null));
            }
        });
    }

    private void Unsubscribe(string stream, string? tag, string? list)
    {
        var key = stream == StreamingSubscriptions.List
            ? SnowflakeId.TryParse(list, out var listId) ? ListSubscriptionKey(listId) : ""
            : SubscriptionKey(stream, StreamingSubscriptions.IsHashtag(stream) ? StreamingSubscriptions.Channel(stream, _viewerId, tag) : null);
        lock (_subscriptionsLock)
        {
            if (_subscriptions.Remove(key, out var subscription))
            {
                subscription.Dispose();
            }
        }
    }

    // One subscription per stream, and per tag (in any spelling) for hashtag streams, per list for list streams.
    private static string SubscriptionKey(string stream, LiveChannel? tagChannel) =>
        tagChannel is { } channel ? stream + " " + channel.Name : stream;

    private static string ListSubscriptionKey(long listId) => StreamingSubscriptions.List + " " + listId.ToString(CultureInfo.InvariantCulture);

    private void SendError(string error, int status)
    {
        var message = "{\"error\":\"" + JsonEncodedText.Encode(error).Value + "\",\"status\":" + status.ToString(CultureInfo.InvariantCulture) + "}";
        _queue.Writer.TryWrite(new Outgoing(null, null, message));
    }

    private async Task WriteLoopAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            await foreach (var outgoing in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                if (outgoing.GoingAway)
                {
                    if (socket.State == WebSocketState.Open)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "Server shutting down", cancellationToken);
                    }

                    return;
                }

                var text = outgoing.Raw ?? await RenderMessageAsync(outgoing.Stream!, outgoing.Event!, outgoing.Filter);
                if (text is null || socket.State != WebSocketState.Open)
                {
                    continue;
                }

                buffer.ResetWrittenCount();
                Encoding.UTF8.GetBytes(text, buffer);
                await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away or the server is stopping.
        }
    }

    /// <summary>
    /// Serves an HTTP (server-sent events) client until it goes away: each event as Mastodon's "event:" and "data:"
    /// lines, and a ":thump" comment every <paramref name="heartbeat"/> so proxies keep an idle stream open.
    /// </summary>
    public async Task RunEventStreamAsync(HttpResponse response, TimeSpan heartbeat, CancellationToken aborted)
    {
        var beat = new PeriodicTimer(heartbeat);
        var beating = BeatAsync(beat, aborted);
        try
        {
            await foreach (var outgoing in _queue.Reader.ReadAllAsync(aborted))
            {
                var text = outgoing.Raw;
                if (text is null && await RenderEventAsync(outgoing.Event!, outgoing.Filter) is { } rendered)
                {
                    text = "event: " + rendered.Event + "\ndata: " + rendered.Payload + "\n\n";
                }

                if (text is not null)
                {
                    await response.WriteAsync(text, aborted);
                    await response.Body.FlushAsync(aborted);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            beat.Dispose();
            await beating;
        }
    }

    private async Task BeatAsync(PeriodicTimer beat, CancellationToken aborted)
    {
        try
        {
            while (await beat.WaitForNextTickAsync(aborted))
            {
                _queue.Writer.TryWrite(new Outgoing(null, null, ":thump\n"));
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    /// <summary>The WebSocket message for an event as this viewer sees it, or null when they may not see what it names.</summary>
    private async ValueTask<string?> RenderMessageAsync(string[] stream, LiveEvent liveEvent, ListStreamFilter? filter) =>
        await RenderEventAsync(liveEvent, filter) is { } rendered
            ? MastodonJson.Serialize(new StreamingEvent { Stream = stream, Event = rendered.Event, Payload = rendered.Payload }, MastodonJson.Context.StreamingEvent)
            : null;

    /// <summary>
    /// The event's name and payload as this viewer sees it, or null when they may not see what it names (or a list
    /// stream's <paramref name="filter"/> leaves it out).
    /// </summary>
    private async ValueTask<(string Event, string Payload)?> RenderEventAsync(LiveEvent liveEvent, ListStreamFilter? filter)
    {
        switch (liveEvent.Kind)
        {
            case LiveEventKind.Update:
                var status = await statuses.LoadAsync(liveEvent.Id, _viewerId, origin);
                return status is null || await IsMutedAsync(status) || filter is not null && !await filter.ShowsAsync(status)
                    ? null
                    : ("update", MastodonJson.Serialize(status, MastodonJson.Context.Status));
            case LiveEventKind.StatusUpdate:
                var edited = await statuses.LoadAsync(liveEvent.Id, _viewerId, origin);
                return edited is null || await IsMutedAsync(edited) || filter is not null && !await filter.ShowsAsync(edited)
                    ? null
                    : ("status.update", MastodonJson.Serialize(edited, MastodonJson.Context.Status));
            case LiveEventKind.Delete:
                return ("delete", liveEvent.Id.ToString(CultureInfo.InvariantCulture));
            case LiveEventKind.Conversation:
                var stored = _viewerId == 0 ? null : await grains.GetGrain<IConversationsGrain>(_viewerId).GetAsync(liveEvent.Id);
                var conversation = stored is null ? null : await conversations.RenderAsync(stored, _viewerId, origin);
                return conversation is null ? null : ("conversation", MastodonJson.Serialize(conversation, MastodonJson.Context.ConversationEntity));
            default:
                var storedNotification = _viewerId == 0 ? null : await GetNotificationAsync(liveEvent.Id);
                var notification = storedNotification is null ? null : await notifications.RenderAsync(storedNotification, _viewerId, origin);
                return notification is null ? null : ("notification", MastodonJson.Serialize(notification, MastodonJson.Context.Notification));
        }
    }

    // By, or reblogging, an account the viewer muted: asked per event (from the account grain's memory), so a mute made or
    // ended while the stream is open counts at once.
    private async ValueTask<bool> IsMutedAsync(Status status)
    {
        var muted = await statuses.MutedByAsync(_viewerId);
        return muted.Count > 0 && Muting.Hides(
            muted,
            long.Parse(status.Account.Id, CultureInfo.InvariantCulture),
            status.Reblog is { } original ? long.Parse(original.Account.Id, CultureInfo.InvariantCulture) : null);
    }

    private Task<GrainInterfaces.Notifications.Notification?> GetNotificationAsync(long notificationId) =>
        grains.GetGrain<INotificationsGrain>(_viewerId).GetAsync(notificationId);

    private readonly record struct Outgoing(string[]? Stream, LiveEvent? Event, string? Raw, ListStreamFilter? Filter = null, bool GoingAway = false);

    /// <summary>A subscription to a stream nothing is ever published on (see <see cref="StreamingSubscriptions.IsQuiet"/>).</summary>
    private sealed class QuietSubscription : IDisposable
    {
        public static QuietSubscription Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
