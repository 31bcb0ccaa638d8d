namespace Weft;

/// <summary>
/// Lets calls to this grain class interleave at await points. Turns still never run in parallel:
/// an activation executes one piece of work at a time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReentrantAttribute : Attribute;
