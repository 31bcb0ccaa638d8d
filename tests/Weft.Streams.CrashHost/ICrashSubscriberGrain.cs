namespace Weft.Streams.CrashHost;

/// <summary>A stream subscriber of the crash host; its key is <c>&lt;stream key&gt;-&lt;index&gt;</c>.</summary>
public interface ICrashSubscriberGrain : IGrainWithStringKey
{
    /// <summary>How many events it accepted (after dropping duplicates).</summary>
    Task<int> AcceptedCount();
}
