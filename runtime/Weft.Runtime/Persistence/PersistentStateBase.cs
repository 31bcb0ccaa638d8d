namespace Weft.Runtime.Persistence;

/// <summary>The part of a persistent state the activation needs: reading it before OnActivateAsync.</summary>
internal abstract class PersistentStateBase
{
    public abstract Task ReadStateAsync(CancellationToken cancellationToken);
}
