namespace Weft.Api.Infrastructure.Compression;

/// <summary>
/// A <see cref="ResponsePiece"/> deflated: the raw deflate data, and the CRC-32 of the uncompressed bytes with the
/// factor that appends it to a running CRC (<see cref="Crc32Combination"/>).
/// </summary>
public sealed record DeflatedPiece(byte[] Data, uint Crc, uint CrcShift);
