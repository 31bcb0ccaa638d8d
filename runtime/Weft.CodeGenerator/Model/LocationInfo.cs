using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Weft.CodeGenerator.Model;

/// <summary>A source location without the syntax tree, so models do not keep old compilations alive.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location)
    {
        if (location is null || !location.IsInSource)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan, location.GetLineSpan().Span);
    }
}
