namespace Weft.GrainInterfaces.Auth;

/// <summary>A client application and a hash of its secret. Keyed by client id.</summary>
public interface IClientAppGrain : IGrainWithStringKey
{
    /// <summary>Registers the app with the secret's hash; returns false if this client id already exists.</summary>
    Task<bool> CreateAsync(ClientApp app, string clientSecret);

    /// <summary>The app, or null.</summary>
    [ReadOnly]
    ValueTask<ClientApp?> GetAsync();

    /// <summary>Whether <paramref name="clientSecret"/> is the app's secret (compared in constant time).</summary>
    [ReadOnly]
    ValueTask<bool> VerifySecretAsync(string clientSecret);
}
