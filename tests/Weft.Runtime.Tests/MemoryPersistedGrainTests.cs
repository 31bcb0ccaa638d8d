using Weft.Persistence;
using Weft.Runtime.Persistence;

namespace Weft.Runtime.Tests;

public sealed class MemoryPersistedGrainTests : PersistedGrainTests
{
    // One store per test, shared by the silos of that test as a database would be.
    private readonly MemoryGrainStorage _storage = new();

    protected override IGrainStorage CreateStorage() => _storage;
}
