namespace Weft.Runtime.Tests.Grains;

/// <summary>Subscribes explicitly.</summary>
public sealed class ReceiverGrain([PersistentState("receiver")] IPersistentState<ReceiverState> state) : ReceiverGrainBase(state), IExplicitReceiverGrain;
