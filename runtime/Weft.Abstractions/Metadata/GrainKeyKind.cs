namespace Weft.Metadata;

/// <summary>How a grain interface is keyed.</summary>
public enum GrainKeyKind
{
    /// <summary><see cref="IGrainWithStringKey"/>.</summary>
    String,

    /// <summary><see cref="IGrainWithIntegerKey"/>.</summary>
    Integer,

    /// <summary><see cref="IGrainWithGuidKey"/>.</summary>
    Guid,
}
