using System.Text.Json.Serialization.Metadata;

namespace Weft.Runtime.Serialization;

/// <summary>
/// Options of the codec that serializes grain state (and, later, messages between processes). Add
/// source-generated <c>JsonSerializerContext</c>s here so serialization needs no reflection; types they do
/// not cover fall back to reflection-based metadata, built once per type.
/// </summary>
public sealed class GrainCodecOptions
{
    /// <summary>Resolvers asked first, in order.</summary>
    public IList<IJsonTypeInfoResolver> TypeInfoResolvers { get; } = [];
}
