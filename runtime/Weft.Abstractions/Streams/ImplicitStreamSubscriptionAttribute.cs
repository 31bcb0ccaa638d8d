namespace Weft.Streams;

/// <summary>
/// Subscribes a grain class to every stream of a namespace for its own key: the grain with key K receives the
/// events of stream (namespace, K). No subscription rows are stored.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ImplicitStreamSubscriptionAttribute(string streamNamespace) : Attribute
{
    /// <summary>The stream namespace.</summary>
    public string Namespace { get; } = streamNamespace;
}
