using Weft.Metadata;
using Weft.Runtime.Metadata;

namespace Weft.Runtime.Invocation;

/// <summary>Creates references (generated proxies) for grain interfaces.</summary>
internal sealed class GrainFactory(GrainManifest manifest, LocalGrainCallInvoker invoker) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        GrainId.ValidateKey(key);
        return Create<TGrainInterface>(key, GrainKeyKind.String);
    }

    public TGrainInterface GetGrain<TGrainInterface>(long key)
        where TGrainInterface : IGrainWithIntegerKey
        => Create<TGrainInterface>(GrainId.FormatKey(key), GrainKeyKind.Integer);

    public TGrainInterface GetGrain<TGrainInterface>(Guid key)
        where TGrainInterface : IGrainWithGuidKey
        => Create<TGrainInterface>(GrainId.FormatKey(key), GrainKeyKind.Guid);

    private TGrainInterface Create<TGrainInterface>(string key, GrainKeyKind kind)
    {
        var entry = manifest.GetInterface(typeof(TGrainInterface));
        if (entry.Metadata.KeyKind != kind)
        {
            throw new ArgumentException(
                $"{typeof(TGrainInterface).Name} is keyed by {entry.Metadata.KeyKind}, not {kind}.", nameof(key));
        }

        return (TGrainInterface)(object)entry.Metadata.CreateProxy(new GrainId(entry.GrainType, key), invoker);
    }
}
