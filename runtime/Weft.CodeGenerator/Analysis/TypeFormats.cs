using Microsoft.CodeAnalysis;

namespace Weft.CodeGenerator.Analysis;

/// <summary>How generated code spells types.</summary>
internal static class TypeFormats
{
    /// <summary>global::-qualified, keywords escaped, nullable reference annotations kept (declarations, casts, type arguments).</summary>
    public static readonly SymbolDisplayFormat Annotated = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>global::-qualified without reference nullability, as typeof requires.</summary>
    public static readonly SymbolDisplayFormat TypeOf = SymbolDisplayFormat.FullyQualifiedFormat;

    public static string ToAnnotated(this ITypeSymbol type) => type.ToDisplayString(Annotated);

    public static string ToTypeOf(this ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeOf);
}
