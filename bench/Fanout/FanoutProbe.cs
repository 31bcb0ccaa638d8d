using System.Diagnostics;
using Weft.Bench.Grains;
using Weft.Streams;

namespace Weft.Bench.Fanout;

/// <summary>
/// What subscribers report, shared with the publisher in the same process: per (stream, sequence) the publish
/// acknowledgement time (written by the publisher when OnNextAsync returned), how many subscribers received it and
/// when the last one did; in total the deliveries, the latest arrival, and a histogram of acknowledgement-to-arrival
/// times in milliseconds.
/// </summary>
internal sealed class FanoutProbe
{
    private const int HistogramMilliseconds = 120_000;

    private readonly long[][] _acknowledged;
    private readonly int[][] _received;
    private readonly long[][] _lastArrival;
    private readonly long[] _histogram = new long[HistogramMilliseconds + 1];
    private readonly double _ticksPerMillisecond = Stopwatch.Frequency / 1000.0;
    private long _deliveries;
    private long _latestArrival;
    private long _arrivedBeforeAcknowledgement;

    public FanoutProbe(int streams, int capacityPerStream)
    {
        CapacityPerStream = capacityPerStream;
        _acknowledged = new long[streams][];
        _received = new int[streams][];
        _lastArrival = new long[streams][];
        for (var i = 0; i < streams; i++)
        {
            // Sequence numbers start at 1; slot 0 is unused.
            _acknowledged[i] = new long[capacityPerStream + 1];
            _received[i] = new int[capacityPerStream + 1];
            _lastArrival[i] = new long[capacityPerStream + 1];
        }
    }

    /// <summary>The probe subscriber grains report to (one benchmark at a time per process).</summary>
    public static FanoutProbe? Current { get; set; }

    /// <summary>The highest sequence number per stream this probe can track.</summary>
    public int CapacityPerStream { get; }

    public long Deliveries => Interlocked.Read(ref _deliveries);

    public long LatestArrival => Interlocked.Read(ref _latestArrival);

    public long ArrivedBeforeAcknowledgement => Interlocked.Read(ref _arrivedBeforeAcknowledgement);

    /// <summary>Called by the publisher as soon as OnNextAsync (or OnNextBatchAsync) returned.</summary>
    public void Acknowledge(int stream, long firstSequence, long lastSequence, long timestamp)
    {
        var acknowledged = _acknowledged[stream];
        for (var sequence = firstSequence; sequence <= lastSequence; sequence++)
        {
            Volatile.Write(ref acknowledged[sequence], timestamp);
        }
    }

    public int ReceivedCount(int stream, long sequence) => Volatile.Read(ref _received[stream][sequence]);

    public long LastArrival(int stream, long sequence) => Interlocked.Read(ref _lastArrival[stream][sequence]);

    /// <summary>Called by a subscriber for every batch it receives.</summary>
    public void Record(IReadOnlyList<StreamEvent<FanoutEvent>> events, long arrived)
    {
        foreach (var streamEvent in events)
        {
            var stream = streamEvent.Item.Stream;
            var sequence = streamEvent.Sequence;
            if ((uint)stream >= (uint)_received.Length || sequence <= 0 || sequence > CapacityPerStream)
            {
                continue;
            }

            Interlocked.Increment(ref _received[stream][sequence]);
            Max(ref _lastArrival[stream][sequence], arrived);
            var acknowledged = Volatile.Read(ref _acknowledged[stream][sequence]);
            if (acknowledged == 0 || acknowledged > arrived)
            {
                // Delivered before the publisher's continuation after OnNextAsync ran: counts as 0 ms.
                Interlocked.Increment(ref _arrivedBeforeAcknowledgement);
                Interlocked.Increment(ref _histogram[0]);
            }
            else
            {
                var milliseconds = (long)((arrived - acknowledged) / _ticksPerMillisecond);
                Interlocked.Increment(ref _histogram[Math.Min(milliseconds, HistogramMilliseconds)]);
            }
        }

        Interlocked.Add(ref _deliveries, events.Count);
        Max(ref _latestArrival, arrived);
    }

    /// <summary>Forgets the latency histogram (the counters per sequence stay).</summary>
    public void ResetHistogram()
    {
        Array.Clear(_histogram);
        Interlocked.Exchange(ref _arrivedBeforeAcknowledgement, 0);
    }

    /// <summary>The acknowledgement-to-arrival percentile in milliseconds (1 ms resolution; the last bucket is "≥ 120 s").</summary>
    public long PercentileMilliseconds(double percentile)
    {
        long total = 0;
        foreach (var count in _histogram)
        {
            total += count;
        }

        if (total == 0)
        {
            return -1;
        }

        var rank = (long)Math.Ceiling(percentile * total);
        long seen = 0;
        for (var i = 0; i < _histogram.Length; i++)
        {
            seen += _histogram[i];
            if (seen >= rank)
            {
                return i;
            }
        }

        return HistogramMilliseconds;
    }

    private static void Max(ref long location, long value)
    {
        var current = Interlocked.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
