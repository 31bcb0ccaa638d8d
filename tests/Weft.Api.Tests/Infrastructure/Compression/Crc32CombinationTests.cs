using System.IO.Hashing;
using Weft.Api.Infrastructure.Compression;

namespace Weft.Api.Tests.Infrastructure.Compression;

public sealed class Crc32CombinationTests
{
    [Fact]
    public void Compute_is_gzips_crc32()
    {
        var bytes = new byte[10_000];
        new Random(7).NextBytes(bytes);

        Assert.Equal(0xCBF43926u, Crc32Combination.Compute("123456789"u8));
        Assert.Equal(0u, Crc32Combination.Compute([]));
        Assert.Equal(Crc32.HashToUInt32(bytes), Crc32Combination.Compute(bytes));
    }

    [Fact]
    public void Appending_the_parts_crcs_gives_the_crc_of_the_whole()
    {
        var random = new Random(11);
        var whole = new byte[100_000];
        random.NextBytes(whole);
        for (var trial = 0; trial < 200; trial++)
        {
            var crc = 0u;
            var at = 0;
            var end = random.Next(0, whole.Length);
            while (at < end)
            {
                // Parts from empty to tens of kilobytes, as a response's pieces are.
                var length = Math.Min(end - at, random.Next(0, 4) switch { 0 => 0, 1 => random.Next(1, 8), 2 => random.Next(8, 3_000), _ => random.Next(3_000, 40_000) });
                var part = whole.AsSpan(at, length);
                crc = Crc32Combination.Append(crc, Crc32.HashToUInt32(part), Crc32Combination.ShiftFor(length));
                at += length;
            }

            Assert.Equal(Crc32.HashToUInt32(whole.AsSpan(0, end)), crc);
        }
    }

    [Fact]
    public void The_carryless_multiply_agrees_with_the_bitwise_one()
    {
        var random = new Random(3);
        uint[] edges = [0, 1, 1u << 31, uint.MaxValue, 0xEDB88320];
        foreach (var a in edges.Concat(Enumerable.Range(0, 2_000).Select(_ => (uint)random.NextInt64(0, 1L << 32))))
        {
            var b = (uint)random.NextInt64(0, 1L << 32);
            Assert.Equal(Crc32Combination.MultiplyBitwise(a, b), Crc32Combination.Multiply(a, b));
            Assert.Equal(Crc32Combination.MultiplyBitwise(b, a), Crc32Combination.Multiply(a, b));
        }
    }
}
