using System.Collections.Concurrent;

namespace Weft.Runtime.Tests.Grains;

/// <summary>Records what grains did, per grain key, so tests can assert on it. Tests use unique keys.</summary>
public static class Probe
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> s_events = new();

    public static void Record(string key, string what) => s_events.GetOrAdd(key, _ => new()).Enqueue(what);

    public static IReadOnlyList<string> Events(string key) => s_events.TryGetValue(key, out var events) ? [.. events] : [];

    public static int Count(string key, string what) => Events(key).Count(e => e == what);
}
