using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Weft.Grains.Data;

namespace Weft.Grains.Tests.Support;

/// <summary>
/// The silo's social store, recording the status ids whose marks, reblogs or replies were read (what a status grain's
/// activation reads); every call goes to the real store. Not sealed: DispatchProxy derives from it.
/// </summary>
public class MarkReadsRecordingStore : SocialStoreProxy
{
    private static readonly HashSet<string> s_markReads =
    [
        nameof(ISocialStore.ListMarkersAsync),
        nameof(ISocialStore.ListReblogsAsync),
        nameof(ISocialStore.CountRepliesAsync),
    ];

    private ConcurrentQueue<long> _statusIds = null!;

    /// <summary>Replaces the registered <see cref="ISocialStore"/>; the statuses read go to <paramref name="statusIds"/>.</summary>
    public static void Decorate(IServiceCollection services, ConcurrentQueue<long> statusIds) =>
        Decorate<MarkReadsRecordingStore>(services, store => store._statusIds = statusIds);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (s_markReads.Contains(targetMethod.Name))
        {
            _statusIds.Enqueue(args!.OfType<long>().First());
        }

        return Forward(targetMethod, args);
    }
}
