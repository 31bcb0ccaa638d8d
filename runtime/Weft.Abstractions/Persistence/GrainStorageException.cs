namespace Weft.Persistence;

/// <summary>
/// A storage provider could not do its work: unreachable database, wrong credentials, missing table, or data the
/// codec cannot handle. The message names the setting to fix.
/// </summary>
public sealed class GrainStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainStorageException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
