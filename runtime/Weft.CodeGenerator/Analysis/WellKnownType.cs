using Microsoft.CodeAnalysis;

namespace Weft.CodeGenerator.Analysis;

/// <summary>Matches symbols by namespace and metadata name without looking types up in the compilation.</summary>
internal static class WellKnownType
{
    /// <summary>Whether <paramref name="type"/> (or its generic definition) is the top-level type <paramref name="ns"/>.<paramref name="metadataName"/>.</summary>
    public static bool Is(ITypeSymbol? type, string ns, string metadataName)
        => type is not null
            && type.ContainingType is null
            && type.MetadataName == metadataName
            && NamespaceIs(type.ContainingNamespace, ns);

    public static bool HasAttribute(ISymbol symbol, string ns, string metadataName)
        => FindAttribute(symbol, ns, metadataName) is not null;

    public static AttributeData? FindAttribute(ISymbol symbol, string ns, string metadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (Is(attribute.AttributeClass, ns, metadataName))
            {
                return attribute;
            }
        }

        return null;
    }

    private static bool NamespaceIs(INamespaceSymbol? symbol, string ns)
    {
        var end = ns.Length;
        while (symbol is { IsGlobalNamespace: false })
        {
            var start = ns.LastIndexOf('.', end - 1) + 1;
            var part = ns.Substring(start, end - start);
            if (symbol.Name != part)
            {
                return false;
            }

            symbol = symbol.ContainingNamespace;
            end = start - 1;
            if (end < 0)
            {
                return symbol is null || symbol.IsGlobalNamespace;
            }
        }

        return false;
    }
}
