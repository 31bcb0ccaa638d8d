namespace Weft.Api.Mastodon;

/// <summary>Registers the renderers (singletons: they hold the rendering caches).</summary>
public static class MastodonServiceCollectionExtensions
{
    public static IServiceCollection AddMastodonRendering(this IServiceCollection services)
    {
        services.AddSingleton<AccountRenderer>();
        services.AddSingleton<StatusRenderer>();
        services.AddSingleton<NotificationRenderer>();
        services.AddSingleton<ConversationRenderer>();
        return services;
    }
}
