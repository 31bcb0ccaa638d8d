using System.ComponentModel;

namespace Weft.Invocation;

/// <summary>Copies values of mutable types for local calls (through the same codec used across processes).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDeepCopier
{
    /// <summary>Returns a deep copy of <paramref name="value"/>.</summary>
    T Copy<T>(T value);
}
