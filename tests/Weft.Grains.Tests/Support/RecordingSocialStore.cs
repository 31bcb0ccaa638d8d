using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Weft.Grains.Data;

namespace Weft.Grains.Tests.Support;

/// <summary>What a <see cref="RecordingSocialStore"/> saw, and which of its methods fail.</summary>
public sealed class StoreCalls
{
    /// <summary>Each call's method name and its first <see cref="long"/> argument (an account or status id; 0 if none).</summary>
    public ConcurrentQueue<(string Method, long Id)> Seen { get; } = new();

    /// <summary>
    /// Whether a call (method name, arguments) fails as a dropped connection would, without reaching the real store;
    /// none by default.
    /// </summary>
    public Func<string, object?[], bool> Fails { get; init; } = static (_, _) => false;

    /// <summary>Whether <paramref name="method"/> was called with <paramref name="id"/>.</summary>
    public bool Called(string method, long id) => Seen.Contains((method, id));
}

/// <summary>
/// The silo's social store, recording every call in a <see cref="StoreCalls"/> and failing the calls it says fail; the
/// other calls go to the real store. Not sealed: DispatchProxy derives from it.
/// </summary>
public class RecordingSocialStore : SocialStoreProxy
{
    private StoreCalls _calls = null!;

    /// <summary>Replaces the registered <see cref="ISocialStore"/> with one that records into <paramref name="calls"/>.</summary>
    public static void Decorate(IServiceCollection services, StoreCalls calls) =>
        Decorate<RecordingSocialStore>(services, store => store._calls = calls);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        _calls.Seen.Enqueue((targetMethod.Name, args?.OfType<long>().FirstOrDefault() ?? 0));
        return _calls.Fails(targetMethod.Name, args ?? []) ? Failed(targetMethod) : Forward(targetMethod, args);
    }

    // A faulted Task or Task<T>, as the method returns.
    private static Task Failed(MethodInfo method)
    {
        var failure = new IOException($"injected: {method.Name} lost its connection to the database");
        return method.ReturnType.IsGenericType
            ? (Task)s_fromException.MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]).Invoke(null, [failure])!
            : Task.FromException(failure);
    }

    private static readonly MethodInfo s_fromException =
        typeof(Task).GetMethods().Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethodDefinition);
}
