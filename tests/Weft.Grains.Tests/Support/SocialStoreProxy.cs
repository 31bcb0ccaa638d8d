using Weft.Grains.Data;
using Weft.Testing.Doubles;

namespace Weft.Grains.Tests.Support;

/// <summary>A test double around the silo's real social store: it passes every call through unless it intercepts it.</summary>
public abstract class SocialStoreProxy : ServiceProxy<ISocialStore>;
