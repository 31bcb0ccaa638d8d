namespace Weft.Api.Instance;

/// <summary>The limits this server announces (and enforces where the feature exists).</summary>
public static class InstanceLimits
{
    /// <summary>The version string clients read to pick features: Mastodon 4.3's API, then who we are.</summary>
    public const string Version = "4.3.0 (compatible; Weft " + SoftwareVersion + ")";

    /// <summary>Weft's own version (NodeInfo's software version).</summary>
    public const string SoftwareVersion = "0.1";

    public const int MaxStatusCharacters = 500;
    // No uploads or polls yet: announced as none, so clients that read the limits do not offer them.
    public const int MaxMediaAttachments = 0;
    public const int CharactersReservedPerUrl = 23;
    public const int MaxFeaturedTags = 10;
    public const int MaxPinnedStatuses = 5;
    public const int MaxDisplayNameCharacters = 30;
    public const int MaxNoteCharacters = 500;
    public const int MaxProfileFields = 4;
    public const int MaxProfileFieldPartCharacters = 255;
    public const int MaxPollOptions = 0;
    public const int MaxPollOptionCharacters = 50;
    public const int MinPollExpirationSeconds = 300;
    public const int MaxPollExpirationSeconds = 2_629_746;
    public const long ImageSizeLimit = 16 * 1024 * 1024;
    public const long ImageMatrixLimit = 33_177_600;
    public const long VideoSizeLimit = 99 * 1024 * 1024;
    public const int VideoFrameRateLimit = 120;
    public const long VideoMatrixLimit = 8_294_400;

    /// <summary>Media types a client may upload: none until uploads exist.</summary>
    public static readonly IReadOnlyList<string> SupportedMimeTypes = [];
}
