using Weft.Invocation;

namespace Weft;

/// <summary>Helpers on grain references and grains.</summary>
public static class AddressableExtensions
{
    /// <summary>The id of the grain behind a reference (or of a grain itself), for example to subscribe it to a stream.</summary>
    /// <exception cref="ArgumentException">The object is neither a grain reference nor a grain.</exception>
    public static GrainId GetGrainId(this IAddressable grain) => grain switch
    {
        GrainReference reference => reference.GrainId,
        Grain instance => instance.GrainId,
        _ => throw new ArgumentException($"{grain?.GetType().Name ?? "null"} is not a grain reference or a grain.", nameof(grain)),
    };
}
