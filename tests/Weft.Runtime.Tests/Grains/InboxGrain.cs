using Weft.Streams;

namespace Weft.Runtime.Tests.Grains;

/// <summary>Receives every stream of namespace "inbox" for its own key.</summary>
[ImplicitStreamSubscription("inbox")]
public sealed class InboxGrain([PersistentState("inbox")] IPersistentState<ReceiverState> state) : ReceiverGrainBase(state), IInboxGrain;
