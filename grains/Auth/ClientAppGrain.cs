using System.Security.Cryptography;
using System.Text;
using Weft.GrainInterfaces.Auth;

namespace Weft.Grains.Auth;

/// <summary>A registered OAuth client app. The secret is kept as a SHA-256 hash: it is 32 random bytes, so a slow hash adds nothing.</summary>
public sealed class ClientAppGrain(
    [PersistentState("app", "Default")] IPersistentState<ClientAppState> app) : Grain, IClientAppGrain
{
    public async Task<bool> CreateAsync(ClientApp clientApp, string clientSecret)
    {
        ArgumentNullException.ThrowIfNull(clientApp);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        if (app.State.App is not null)
        {
            return false;
        }

        app.State.App = clientApp;
        app.State.SecretHash = Hash(clientSecret);
        await app.WriteStateAsync();
        return true;
    }

    public ValueTask<ClientApp?> GetAsync() => ValueTask.FromResult(app.State.App);

    public ValueTask<bool> VerifySecretAsync(string clientSecret)
    {
        var stored = app.State.SecretHash;
        var valid = stored is not null
            && clientSecret is not null
            && CryptographicOperations.FixedTimeEquals(stored, Hash(clientSecret));
        return ValueTask.FromResult(valid);
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
