using System.ComponentModel;

namespace Weft.Metadata;

/// <summary>Resolves grain constructor parameters; used by generated grain factories.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GrainServices
{
    /// <summary>Returns the service of type <typeparamref name="T"/>, or throws naming the grain class that needs it.</summary>
    public static T GetRequired<T>(IServiceProvider services, Type grainClass)
        => services.GetService(typeof(T)) is T service
            ? service
            : throw new InvalidOperationException(
                $"Grain class {grainClass.FullName} needs a {typeof(T).FullName} in its constructor, but no such service is registered.");
}
