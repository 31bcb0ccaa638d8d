using System.ComponentModel;

namespace Weft.Metadata;

/// <summary>Names the generated <see cref="IGrainMetadataProvider"/> of an assembly, so hosts find it at start-up.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GrainMetadataProviderAttribute(Type providerType) : Attribute
{
    /// <summary>The provider type; it has a public parameterless constructor.</summary>
    public Type ProviderType { get; } = providerType;
}
