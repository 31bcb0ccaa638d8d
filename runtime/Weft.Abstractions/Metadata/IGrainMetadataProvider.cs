using System.ComponentModel;

namespace Weft.Metadata;

/// <summary>Implemented by generated code: registers an assembly's grain interfaces (proxies) and grain classes.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGrainMetadataProvider
{
    /// <summary>Adds this assembly's grain metadata.</summary>
    void Populate(GrainMetadataBuilder builder);
}
