using Weft.Persistence;
using Weft.Runtime.Persistence;
using Weft.Runtime.Streams;

namespace Weft.Runtime.Tests.Streams;

public sealed class MemoryStreamDeliveryTests : StreamDeliveryTests
{
    // One store per test, shared by the test's silos as a database would be.
    private readonly MemoryStreamQueue _store = new();
    private readonly MemoryGrainStorage _storage = new();

    protected override IStreamQueue CreateQueue() => _store.OpenSameStore(8);

    protected override IGrainStorage CreateStorage() => _storage;
}
