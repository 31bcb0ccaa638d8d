using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Weft.Api.Infrastructure.Compression;
using Weft.Api.Tests.Support;

namespace Weft.Api.Tests.Infrastructure.Compression;

public sealed class GzipPieceWriterTests
{
    [Fact]
    public void Pieces_deflated_one_by_one_make_one_gzip_member_of_their_concatenation()
    {
        var random = new Random(42);
        var noise = new byte[70_000];
        random.NextBytes(noise);
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"content\":\"<p>é ✓ héllo</p>\",\"count\":12},", 300)));
        ResponsePiece[] pieces =
        [
            new("["u8.ToArray()),
            new(text, 5, 1_000),
            new([]),
            new(noise),
            new(text),
            new(text, 0, 0),
            new("]"u8.ToArray()),
        ];

        var expected = pieces.SelectMany(piece => piece.Utf8.ToArray()).ToArray();
        var gzip = Write(pieces);

        Assert.Equal(expected, Gzip.Decompress(gzip));
        Assert.Equal(Crc32.HashToUInt32(expected), BinaryPrimitives.ReadUInt32LittleEndian(gzip.AsSpan(gzip.Length - 8)));
        Assert.Equal((uint)expected.Length, BinaryPrimitives.ReadUInt32LittleEndian(gzip.AsSpan(gzip.Length - 4)));
        Assert.True(gzip.Length < expected.Length - text.Length + 1_000, $"{gzip.Length} bytes for {expected.Length}");
    }

    [Fact]
    public void No_pieces_make_a_valid_empty_member() => Assert.Empty(Gzip.Decompress(Write([])));

    [Fact]
    public void A_piece_used_twice_in_one_body_and_again_in_another_stays_valid()
    {
        var piece = new ResponsePiece(Encoding.UTF8.GetBytes("{\"id\":\"1\",\"text\":\"again and again\"}"));
        var comma = new ResponsePiece(","u8.ToArray());

        Assert.Equal("{\"id\":\"1\",\"text\":\"again and again\"},{\"id\":\"1\",\"text\":\"again and again\"}", Encoding.UTF8.GetString(Gzip.Decompress(Write([piece, comma, piece]))));
        Assert.Equal(piece.Utf8.ToArray(), Gzip.Decompress(Write([piece])));
    }

    [Fact]
    public void The_measure_predicts_both_lengths()
    {
        ResponsePiece[] pieces = [new("[1,2,3]"u8.ToArray()), new(Encoding.UTF8.GetBytes(new string('x', 5_000)))];
        var identity = new ResponsePieceMeasure(gzip: false);
        var gzip = new ResponsePieceMeasure(gzip: true);
        foreach (var piece in pieces)
        {
            identity.Add(piece);
            gzip.Add(piece);
        }

        Assert.Equal(5_007, identity.Length);
        Assert.Equal(Write(pieces).Length, gzip.Length);
    }

    private static byte[] Write(ResponsePiece[] pieces)
    {
        var measure = new ResponsePieceMeasure(gzip: true);
        foreach (var piece in pieces)
        {
            measure.Add(piece);
        }

        var output = new byte[measure.Length];
        var writer = new GzipPieceWriter(output);
        foreach (var piece in pieces)
        {
            writer.Add(piece);
        }

        writer.Finish();
        Assert.Equal(output.Length, writer.Written);
        return output;
    }
}
