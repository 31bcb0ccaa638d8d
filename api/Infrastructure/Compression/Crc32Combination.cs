using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Weft.Api.Infrastructure.Compression;

/// <summary>
/// Gzip's CRC-32 (ISO-HDLC, reflected) of a concatenation from the CRCs of its parts, so a response assembled from
/// cached pieces gets its checksum without reading their bytes again: appending a piece of length n multiplies the
/// running CRC by x^(8n) modulo the polynomial and adds the piece's own CRC (zlib's crc32_combine does the same).
/// </summary>
public static class Crc32Combination
{
    private const uint Polynomial = 0xEDB88320;

    // In the reflected form bit 31 holds x^0: this is the polynomial 1.
    private const uint One = 1u << 31;

    // Byte-at-a-time table: the CRC register's step for one byte.
    private static readonly uint[] s_byteTable = CreateByteTable();

    // x^(2^k) modulo the polynomial, for k = 0..31.
    private static readonly uint[] s_powersOfTwo = CreatePowersOfTwo();

    /// <summary>The CRC-32 of <paramref name="bytes"/> (as gzip and zlib's crc32 compute it).</summary>
    public static uint Compute(ReadOnlySpan<byte> bytes)
    {
        var register = uint.MaxValue;
        foreach (var b in bytes)
        {
            register = s_byteTable[(byte)(register ^ b)] ^ (register >> 8);
        }

        return ~register;
    }

    /// <summary>What <see cref="Append"/> multiplies by for a piece of <paramref name="length"/> bytes: x^(8·length).</summary>
    public static uint ShiftFor(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var power = One;
        for (var k = 3; length != 0; length >>= 1, k++)
        {
            if ((length & 1) != 0)
            {
                power = Multiply(s_powersOfTwo[k & 31], power);
            }
        }

        return power;
    }

    /// <summary>
    /// The CRC of what <paramref name="crc"/> covers followed by a piece whose CRC is <paramref name="pieceCrc"/>, given
    /// that piece's <see cref="ShiftFor"/>. The CRC of nothing is 0.
    /// </summary>
    public static uint Append(uint crc, uint pieceCrc, uint pieceShift) => Multiply(pieceShift, crc) ^ pieceCrc;

    /// <summary>a·b modulo the polynomial, both in the reflected form: carry-less multiplication where the CPU has it.</summary>
    public static uint Multiply(uint a, uint b) => Pclmulqdq.IsSupported ? MultiplyCarryless(a, b) : MultiplyBitwise(a, b);

    // The carry-less product of two reflected 32-bit values, shifted left once, is the 64-bit reflected product: its high
    // half holds x^0..x^31 as a reflected 32-bit value, its low half x^32..x^63 as x^32·L(x). Four zero bytes through the
    // CRC register reduce x^32·L(x) modulo the polynomial.
    private static uint MultiplyCarryless(uint a, uint b)
    {
        var product = Pclmulqdq.CarrylessMultiply(Vector128.CreateScalar((ulong)a), Vector128.CreateScalar((ulong)b), 0x00).ToScalar() << 1;
        var low = (uint)product;
        low = s_byteTable[(byte)low] ^ (low >> 8);
        low = s_byteTable[(byte)low] ^ (low >> 8);
        low = s_byteTable[(byte)low] ^ (low >> 8);
        low = s_byteTable[(byte)low] ^ (low >> 8);
        return (uint)(product >> 32) ^ low;
    }

    /// <summary><see cref="Multiply"/> a bit at a time, for CPUs without carry-less multiplication.</summary>
    public static uint MultiplyBitwise(uint a, uint b)
    {
        var product = 0u;
        for (var bit = One; bit != 0 && a != 0; bit >>= 1)
        {
            if ((a & bit) != 0)
            {
                product ^= b;
                a ^= bit;
            }

            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }

        return product;
    }

    private static uint[] CreateByteTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var register = i;
            for (var bit = 0; bit < 8; bit++)
            {
                register = (register & 1) != 0 ? (register >> 1) ^ Polynomial : register >> 1;
            }

            table[i] = register;
        }

        return table;
    }

    private static uint[] CreatePowersOfTwo()
    {
        var powers = new uint[32];
        var power = One >> 1; // x^1
        for (var k = 0; k < powers.Length; k++)
        {
            powers[k] = power;
            power = MultiplyBitwise(power, power);
        }

        return powers;
    }
}
