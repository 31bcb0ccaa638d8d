using System.ComponentModel;

namespace Weft.Invocation;

/// <summary>The result type of methods returning Task or ValueTask.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct NoResult;
