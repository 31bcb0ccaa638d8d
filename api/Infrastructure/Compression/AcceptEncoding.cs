using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Weft.Api.Infrastructure.Compression;

/// <summary>Reads the request's Accept-Encoding (RFC 9110 §12.5.3) for the one coding Weft sends, gzip.</summary>
public static class AcceptEncoding
{
    /// <summary>
    /// Whether the client takes gzip: named (or as <c>x-gzip</c>) with a quality above zero, or covered by <c>*</c>
    /// with a quality above zero and not refused by name. No header, or one that cannot be read, means no.
    /// </summary>
    public static bool AcceptsGzip(HttpRequest request) => AcceptsGzip(request.Headers.AcceptEncoding);

    /// <inheritdoc cref="AcceptsGzip(HttpRequest)"/>
    public static bool AcceptsGzip(StringValues headerValues)
    {
        bool? named = null;
        var wildcard = false;
        foreach (var value in headerValues)
        {
            var rest = value.AsSpan();
            while (!rest.IsEmpty)
            {
                var comma = rest.IndexOf(',');
                var element = comma < 0 ? rest : rest[..comma];
                rest = comma < 0 ? [] : rest[(comma + 1)..];

                var semicolon = element.IndexOf(';');
                var coding = (semicolon < 0 ? element : element[..semicolon]).Trim();
                var accepted = semicolon < 0 || QualityAboveZero(element[(semicolon + 1)..]);
                if (coding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
                {
                    named = (named ?? false) || accepted;
                }
                else if (coding.SequenceEqual("*"))
                {
                    wildcard |= accepted;
                }
            }
        }

        return named ?? wildcard;
    }

    // Parameters after the coding; only q matters, and a malformed q refuses rather than guesses.
    private static bool QualityAboveZero(ReadOnlySpan<char> parameters)
    {
        foreach (var range in parameters.Split(';'))
        {
            var parameter = parameters[range].Trim();
            if (parameter.Length >= 2 && (parameter[0] is 'q' or 'Q') && parameter[1] == '=')
            {
                return double.TryParse(parameter[2..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var quality)
                    && quality > 0;
            }
        }

        return true;
    }
}
