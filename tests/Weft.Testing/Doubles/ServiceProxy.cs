using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Weft.Testing.Doubles;

/// <summary>
/// A test double around a service the host registered (a store, a client): every call goes through to the real one
/// unless the subclass intercepts it, so a test can fail, gate or count one kind of call and leave the rest real.
/// </summary>
/// <typeparam name="TService">The interface the host resolves.</typeparam>
public abstract class ServiceProxy<TService> : DispatchProxy
    where TService : class
{
    /// <summary>The real service.</summary>
    protected TService Inner { get; private set; } = null!;

    /// <summary>
    /// Replaces the last registration of <typeparamref name="TService"/> with a <typeparamref name="TProxy"/> around the
    /// service it registered, configured by <paramref name="configure"/> before first use.
    /// </summary>
    public static void Decorate<TProxy>(IServiceCollection services, Action<TProxy>? configure = null)
        where TProxy : ServiceProxy<TService>
    {
        ArgumentNullException.ThrowIfNull(services);
        var registered = services.Last(d => d.ServiceType == typeof(TService));
        services.Remove(registered);
        services.AddSingleton(sp =>
        {
            var proxy = Create<TService, TProxy>();
            var typed = (TProxy)(object)proxy;
            typed.Inner = registered.ImplementationFactory is { } factory
                ? (TService)factory(sp)
                : registered.ImplementationInstance as TService ?? (TService)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
            configure?.Invoke(typed);
            return proxy;
        });
    }

    /// <summary>Calls the real service.</summary>
    protected object? Forward(MethodInfo method, object?[]? args) => method.Invoke(Inner, args);
}
