using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Weft.Persistence.PostgreSql.Streams;

/// <remarks>
/// Wake-ups: one dedicated connection per queue (outside the pool) runs <c>LISTEN weft_streams</c> and waits for
/// notifications in a background loop, started by the first <see cref="OnAppended"/> registration. If the connection
/// drops (a database restart, a network failure) the loop reconnects with exponential backoff and, once listening
/// again, wakes every partition, since notifications sent meanwhile are lost. It never throws to the process; it ends
/// when the queue is disposed. The channel is shared by every queue in the database, so the payload names the schema
/// (<c>&lt;schema&gt;:&lt;partition&gt;</c>) and notifications of other schemas are ignored.
/// <para>
/// Sending: the wake-up is not sent inside the appending transaction. A transaction that NOTIFYs takes a
/// database-wide lock at commit and holds it until its commit record is flushed, so every appending transaction in
/// the database would commit one after another, one disk flush each: measured here, 32 publishers reached only
/// 363 events/s that way. Instead, once an append has committed, its partition is marked and a single background
/// sender per queue sends the marked partitions' wake-ups in one small transaction that does not wait for the flush
/// (<c>synchronous_commit</c> off for it alone — a wake-up needs no durability). Wake-ups of appends that commit
/// while one is being sent, or within 10 ms of the last send, are coalesced into the next. A wake-up lost to a crash
/// right after commit is covered by the agents' slow poll, as the contract allows.
/// </para>
/// </remarks>
public sealed partial class PostgreSqlStreamQueue
{
    private static readonly TimeSpan s_firstReconnectDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_maxReconnectDelay = TimeSpan.FromSeconds(10);

    private readonly Lock _listenerLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private Registration[] _registrations = [];
    private Task? _listener;
    private bool _disposed;

    // Under load every group commit would send its own wake-up, a transaction each, to agents that are busy or
    // gathering anyway; sends at most this often coalesce them. The first wake-up after a quiet spell goes at once.
    private static readonly TimeSpan s_minWakeUpInterval = TimeSpan.FromMilliseconds(10);

    // 1 where a committed append's wake-up is still to be sent; _sending is 1 while the sender runs.
    private readonly int[] _pendingWakeUps;
    private int _sending;
    private long _lastWakeUpSent;
    private Task _sender = Task.CompletedTask;

    /// <summary>
    /// Marks <paramref name="partition"/> as appended to (called after the append committed) and makes sure the
    /// background sender will send its wake-up.
    /// </summary>
    internal void NotifyAppended(int partition)
    {
        Volatile.Write(ref _pendingWakeUps[partition], 1);
        if (Interlocked.CompareExchange(ref _sending, 1, 0) == 0)
        {
            _sender = Task.Run(SendWakeUpsAsync);
        }
    }

    private bool AnyWakeUpPending()
    {
        for (var partition = 0; partition < _pendingWakeUps.Length; partition++)
        {
            if (Volatile.Read(ref _pendingWakeUps[partition]) == 1)
            {
                return true;
            }
        }

        return false;
    }

    private async Task SendWakeUpsAsync()
    {
        while (true)
        {
            var wait = s_minWakeUpInterval - Stopwatch.GetElapsedTime(_lastWakeUpSent);
            if (_lastWakeUpSent != 0 && wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, _stopping.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
                {
                    // Disposed (a group may commit after that): nothing is sent any more.
                }
            }

            var payloads = new List<string>();
            for (var partition = 0; partition < _pendingWakeUps.Length; partition++)
            {
                if (Interlocked.Exchange(ref _pendingWakeUps[partition], 0) == 1)
                {
                    payloads.Add(_notifyPayloads[partition]);
                }
            }

            if (payloads.Count > 0 && !_stopping.IsCancellationRequested)
            {
                try
                {
                    var batch = _dataSource.CreateBatch();
                    await using (batch.ConfigureAwait(false))
                    {
                        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('synchronous_commit', 'off', true)"));
                        var notify = new NpgsqlBatchCommand($"SELECT pg_notify('{Channel}', p) FROM unnest($1::text[]) AS p");
                        notify.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. payloads], NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
                        batch.BatchCommands.Add(notify);
                        _lastWakeUpSent = Stopwatch.GetTimestamp();
                        await batch.ExecuteNonQueryAsync(_stopping.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or ObjectDisposedException)
                {
                    // Agents poll slowly anyway; a lost wake-up only delays delivery.
                    LogWakeUpFailed(_logger, _name, _errorContext.Endpoint, ex);
                }
            }

            // A full fence: the flag must be cleared before the pending marks are read again, or a mark set meanwhile
            // by an appender that still saw the sender running would wait for the next append.
            Interlocked.Exchange(ref _sending, 0);
            if (!AnyWakeUpPending() || Interlocked.CompareExchange(ref _sending, 1, 0) != 0)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public IDisposable OnAppended(Action<int> onAppended)
    {
        ArgumentNullException.ThrowIfNull(onAppended);
        var registration = new Registration(this, onAppended);
        lock (_listenerLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _registrations = [.. _registrations, registration];
            _listener ??= Task.Run(() => ListenAsync(_stopping.Token));
        }

        return registration;
    }

    /// <summary>Stops the listener and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? listener;
        lock (_listenerLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            listener = _listener;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _sender.ConfigureAwait(false);
        if (listener is not null)
        {
            await listener.ConfigureAwait(false);
        }

        _stopping.Dispose();
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await _bookkeepingDataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the listener and closes every connection.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void Unregister(Registration registration)
    {
        lock (_listenerLock)
        {
            _registrations = [.. _registrations.Where(r => r != registration)];
        }
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        var delay = s_firstReconnectDelay;
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var connection = new NpgsqlConnection(_listenConnectionString);
                await using (connection.ConfigureAwait(false))
                {
                    connection.Notification += OnNotification;
                    await connection.OpenAsync(stopping).ConfigureAwait(false);
                    await using (var command = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    {
                        await command.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
                    }

                    if (failures > 0)
                    {
                        LogListenerReconnected(_logger, _name, _errorContext.Endpoint, failures);
                    }

                    delay = s_firstReconnectDelay;
                    failures = 0;
                    // Anything appended before LISTEN took effect (first start or a reconnect) sent no wake-up we saw.
                    WakeAll();
                    while (true)
                    {
                        await connection.WaitAsync(stopping).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                failures++;
                LogListenerFailed(_logger, _name, _errorContext.Endpoint, delay.TotalMilliseconds, _settings, ex);
                try
                {
                    await Task.Delay(delay, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, s_maxReconnectDelay.Ticks));
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        var payload = e.Payload.AsSpan();
        var colon = payload.LastIndexOf(':');
        if (colon < 0
            || !payload[..colon].SequenceEqual(_schema)
            || !int.TryParse(payload[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var partition))
        {
            return;
        }

        Wake(partition);
    }

    private void WakeAll()
    {
        for (var partition = 0; partition < PartitionCount; partition++)
        {
            Wake(partition);
        }
    }

    private void Wake(int partition)
    {
        foreach (var registration in Volatile.Read(ref _registrations))
        {
            try
            {
                registration.Invoke(partition);
            }
            catch (Exception ex)
            {
                // A callback's failure must not stop the listener or the other callbacks.
                LogCallbackFailed(_logger, _name, partition, ex);
            }
        }
    }

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning,
        Message = "Stream provider '{Name}' lost or could not open its LISTEN connection to PostgreSQL at {Endpoint}; retrying in {DelayMs} ms " +
                  "(agents fall back to polling meanwhile) — check {Settings}:ConnectionString")]
    private static partial void LogListenerFailed(ILogger logger, string name, string endpoint, double delayMs, string settings, Exception exception);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning,
        Message = "Stream provider '{Name}' could not send a wake-up to PostgreSQL at {Endpoint}; agents will find the events by polling")]
    private static partial void LogWakeUpFailed(ILogger logger, string name, string endpoint, Exception exception);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information,
        Message = "Stream provider '{Name}' is listening to PostgreSQL at {Endpoint} again after {Failures} failed attempt(s)")]
    private static partial void LogListenerReconnected(ILogger logger, string name, string endpoint, int failures);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error,
        Message = "Stream provider '{Name}': a wake-up callback for partition {Partition} threw")]
    private static partial void LogCallbackFailed(ILogger logger, string name, int partition, Exception exception);

    /// <summary>One <see cref="OnAppended"/> registration; disposing it unregisters.</summary>
    private sealed class Registration(PostgreSqlStreamQueue queue, Action<int> callback) : IDisposable
    {
        private int _disposed;

        public void Invoke(int partition)
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                callback(partition);
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                queue.Unregister(this);
            }
        }
    }
}
