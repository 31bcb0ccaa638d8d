using Microsoft.Extensions.Primitives;
using Weft.Api.Infrastructure.Compression;

namespace Weft.Api.Tests.Infrastructure.Compression;

public sealed class AcceptEncodingTests
{
    [Theory]
    [InlineData("gzip")]
    [InlineData("gzip, deflate, br")]
    [InlineData("br;q=1.0, gzip;q=0.8, *;q=0.1")]
    [InlineData("GZip; Q=0.5")]
    [InlineData("x-gzip")]
    [InlineData("*")]
    [InlineData("deflate, *;q=0.3")]
    [InlineData(" identity , gzip ;q=0.001")]
    public void Gzip_is_accepted_when_named_or_covered_by_the_wildcard(string header) =>
        Assert.True(AcceptEncoding.AcceptsGzip(new StringValues(header)));

    [Theory]
    [InlineData("")]
    [InlineData("identity")]
    [InlineData("deflate, br")]
    [InlineData("gzip;q=0")]
    [InlineData("gzip;q=0.000")]
    [InlineData("*;q=0")]
    [InlineData("gzip;q=0, *")]
    [InlineData("*, gzip;q=0")]
    [InlineData("gzip;q=abc")]
    [InlineData("gzipped")]
    [InlineData(",,;")]
    public void Gzip_is_refused_when_absent_zero_weighted_or_unreadable(string header) =>
        Assert.False(AcceptEncoding.AcceptsGzip(new StringValues(header)));

    [Fact]
    public void No_header_means_no_gzip() => Assert.False(AcceptEncoding.AcceptsGzip(StringValues.Empty));

    [Fact]
    public void Every_header_line_counts() => Assert.True(AcceptEncoding.AcceptsGzip(new StringValues(["br", "gzip"])));
}
