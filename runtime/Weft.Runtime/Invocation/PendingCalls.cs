using System.Numerics;

namespace Weft.Runtime.Invocation;

/// <summary>
/// Calls whose callers are waiting for an answer, swept periodically for those past their deadline, as Orleans sweeps
/// its callbacks. One sweep for all calls replaces a timer per call: adding and removing a call is a short lock on one
/// of a few stripes, and a call is timed out at most one <see cref="SweepInterval"/> late.
/// </summary>
internal sealed class PendingCalls : IDisposable
{
    private readonly Stripe[] _stripes;
    private readonly TimeProvider _timeProvider;
    private readonly ITimer? _timer;

    public PendingCalls(TimeSpan callTimeout, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _stripes = new Stripe[Math.Max(4, (int)BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount))];
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new Stripe();
        }

        if (callTimeout != Timeout.InfiniteTimeSpan)
        {
            SweepInterval = TimeSpan.FromTicks(Math.Clamp(callTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
            _timer = timeProvider.CreateTimer(static state => ((PendingCalls)state!).Sweep(), this, SweepInterval, SweepInterval);
        }
    }

    /// <summary>How often calls are checked; the most a timeout can be late.</summary>
    public TimeSpan SweepInterval { get; }

    /// <summary>How many calls are waiting; for tests.</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var stripe in _stripes)
            {
                lock (stripe)
                {
                    count += stripe.Count;
                }
            }

            return count;
        }
    }

    /// <summary>Starts watching <paramref name="call"/>, which must not be watched already.</summary>
    public void Add(PendingCall call)
    {
        // The caller's thread picks the stripe, so concurrent callers rarely share a lock.
        var stripe = _stripes[Environment.CurrentManagedThreadId & (_stripes.Length - 1)];
        lock (stripe)
        {
            call.Stripe = stripe;
            call.Next = stripe.Head;
            if (stripe.Head is not null)
            {
                stripe.Head.Previous = call;
            }

            stripe.Head = call;
            stripe.Count++;
        }
    }

    /// <summary>Stops watching <paramref name="call"/>; does nothing if it is not watched (answered or timed out).</summary>
    public static void Remove(PendingCall call)
    {
        if (Volatile.Read(ref call.Stripe) is not { } stripe)
        {
            return;
        }

        lock (stripe)
        {
            if (call.Stripe is null)
            {
                return;
            }

            Unlink(stripe, call);
        }
    }

    /// <summary>One pass: every call past its deadline is removed and told it timed out. Public for tests.</summary>
    public void Sweep()
    {
        var now = _timeProvider.GetTimestamp();
        List<PendingCall>? expired = null;
        foreach (var stripe in _stripes)
        {
            lock (stripe)
            {
                for (var call = stripe.Head; call is not null;)
                {
                    var next = call.Next;
                    if (now > call.AnswerDeadline)
                    {
                        Unlink(stripe, call);
                        (expired ??= []).Add(call);
                    }

                    call = next;
                }
            }
        }

        // Outside the locks: failing a call runs no continuation inline, but it need not hold up callers meanwhile.
        if (expired is not null)
        {
            foreach (var call in expired)
            {
                call.TimeOut();
            }
        }
    }

    private static void Unlink(Stripe stripe, PendingCall call)
    {
        if (call.Previous is null)
        {
            stripe.Head = call.Next;
        }
        else
        {
            call.Previous.Next = call.Next;
        }

        if (call.Next is not null)
        {
            call.Next.Previous = call.Previous;
        }

        call.Previous = null;
        call.Next = null;
        Volatile.Write(ref call.Stripe, null);
        stripe.Count--;
    }

    public void Dispose() => _timer?.Dispose();

    /// <summary>A lock and the calls under it, as a doubly linked list threaded through the calls themselves.</summary>
    internal sealed class Stripe
    {
        public PendingCall? Head;
        public int Count;
    }
}
