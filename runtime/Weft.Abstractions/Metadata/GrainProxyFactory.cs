using System.ComponentModel;
using Weft.Invocation;

namespace Weft.Metadata;

/// <summary>Creates a proxy for a grain interface.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate GrainReference GrainProxyFactory(GrainId grainId, GrainCallInvoker invoker);
