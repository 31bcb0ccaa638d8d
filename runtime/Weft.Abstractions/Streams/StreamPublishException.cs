namespace Weft.Streams;

/// <summary>Publishing failed: the event cannot be serialized, or the store cannot be reached. The message says which.</summary>
public sealed class StreamPublishException(string message, Exception? innerException = null) : Exception(message, innerException);
