using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Weft.Grains.Data;

namespace Weft.Grains.Tests.Support;

/// <summary>A test double around the silo's real social store: it passes every call through unless it intercepts it.</summary>
public abstract class SocialStoreProxy : DispatchProxy
{
    /// <summary>The real store.</summary>
    protected ISocialStore Inner { get; private set; } = null!;

    /// <summary>Replaces the registered <see cref="ISocialStore"/> with a <typeparamref name="TProxy"/> around it.</summary>
    protected static void Decorate<TProxy>(IServiceCollection services, Action<TProxy> configure)
        where TProxy : SocialStoreProxy
    {
        var registered = services.Last(d => d.ServiceType == typeof(ISocialStore));
        services.Remove(registered);
        services.AddSingleton(sp =>
        {
            var proxy = Create<ISocialStore, TProxy>();
            var typed = (TProxy)(object)proxy;
            typed.Inner = registered.ImplementationFactory is { } factory
                ? (ISocialStore)factory(sp)
                : registered.ImplementationInstance as ISocialStore ?? (ISocialStore)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
            configure(typed);
            return proxy;
        });
    }

    /// <summary>Calls the real store.</summary>
    protected object? Forward(MethodInfo method, object?[]? args) => method.Invoke(Inner, args);
}
