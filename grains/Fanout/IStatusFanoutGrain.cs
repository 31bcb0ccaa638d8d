namespace Weft.Grains.Fanout;

/// <summary>
/// The fan-out of one author's statuses (key = author id). It has no methods of its own: it receives the author's
/// stream (<c>StatusStreams.Namespace</c>) as an implicit subscriber; the interface only makes it a grain.
/// </summary>
public interface IStatusFanoutGrain : IGrainWithIntegerKey;
