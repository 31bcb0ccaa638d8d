namespace Weft.Api.Streaming;

/// <summary>Why a subscription to a stream is refused.</summary>
public enum StreamingRefusal
{
    /// <summary>Allowed.</summary>
    None,

    /// <summary>No such stream.</summary>
    Unknown,

    /// <summary>A hashtag stream without its tag parameter.</summary>
    MissingTag,

    /// <summary>A list stream without its list parameter.</summary>
    MissingList,

    /// <summary>The stream needs a user token.</summary>
    Unauthorized,

    /// <summary>The token lacks the stream's scope.</summary>
    OutOfScope,
}
