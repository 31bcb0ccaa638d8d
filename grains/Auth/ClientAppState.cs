using Weft.GrainInterfaces.Auth;

namespace Weft.Grains.Auth;

/// <summary>What a client app grain stores: the app and the SHA-256 of its secret (never the secret).</summary>
public sealed class ClientAppState
{
    public ClientApp? App { get; set; }

    public byte[]? SecretHash { get; set; }
}
