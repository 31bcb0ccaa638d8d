using System.ComponentModel;

namespace Weft.Metadata;

/// <summary>Creates a grain instance; <see cref="GrainContext.Current"/> is the new activation while it runs.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate Grain GrainFactoryMethod(IServiceProvider services, GrainContext context);
