using Microsoft.CodeAnalysis;

namespace Weft.CodeGenerator.Analysis;

/// <summary>Recognises Weft's programming-model types: grain interfaces, the markers, the Grain base class.</summary>
internal static class GrainSymbols
{
    private const string WeftNamespace = "Weft";

    public static bool IsMarker(ITypeSymbol type)
        => WellKnownType.Is(type, WeftNamespace, "IAddressable")
            || WellKnownType.Is(type, WeftNamespace, "IGrain")
            || KeyKindOf(type) is not null;

    /// <summary>The GrainKeyKind member a marker interface stands for, or null for any other type.</summary>
    public static string? KeyKindOf(ITypeSymbol type)
    {
        if (WellKnownType.Is(type, WeftNamespace, "IGrainWithStringKey"))
        {
            return "String";
        }

        if (WellKnownType.Is(type, WeftNamespace, "IGrainWithIntegerKey"))
        {
            return "Integer";
        }

        return WellKnownType.Is(type, WeftNamespace, "IGrainWithGuidKey") ? "Guid" : null;
    }

    /// <summary>An interface deriving from a keyed marker, other than the markers themselves.</summary>
    public static bool IsGrainInterface(ITypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Interface || IsMarker(type))
        {
            return false;
        }

        foreach (var inherited in type.AllInterfaces)
        {
            if (KeyKindOf(inherited) is not null)
            {
                return true;
            }
        }

        return false;
    }

    public static bool DerivesFromGrain(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (WellKnownType.Is(current, WeftNamespace, "Grain"))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsPersistentState(ITypeSymbol type, out ITypeSymbol? stateType)
    {
        if (type is INamedTypeSymbol { TypeArguments.Length: 1 } named
            && WellKnownType.Is(named.OriginalDefinition, WeftNamespace, "IPersistentState`1"))
        {
            stateType = named.TypeArguments[0];
            return true;
        }

        stateType = null;
        return false;
    }

    /// <summary>Whether code elsewhere in the assembly (the generated files) can name the type.</summary>
    public static bool IsAccessibleFromAssembly(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal
                || current.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsGenericOrInGeneric(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Several declarations of one partial type reach the transform; only the first with a base list is analysed,
    /// so each type yields one result.
    /// </summary>
    public static bool IsPrimaryDeclaration(INamedTypeSymbol type, SyntaxNode node)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax { BaseList: not null } declaration)
            {
                return declaration == node;
            }
        }

        return false;
    }
}
