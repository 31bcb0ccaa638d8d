using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Weft.CodeGenerator.Analysis;

/// <summary>
/// Decides at compile time whether values of a type can be shared between caller and callee of a local call, or
/// must be deep-copied. Unknown means mutable: a wrong "immutable" would let two grains share state.
/// </summary>
/// <remarks>
/// Types from referenced assemblies are judged only by the well-known list and [Immutable]: their private fields are
/// not visible to the compiler, so their readonly-ness cannot be checked.
/// </remarks>
internal sealed class ImmutabilityClassifier
{
    private static readonly HashSet<string> s_immutableSystemTypes =
    [
        "Int128", "UInt128", "Half", "Guid", "DateTime", "DateTimeOffset", "TimeSpan", "DateOnly", "TimeOnly", "Uri", "Version",
    ];

    private static readonly HashSet<string> s_immutableCollections =
    [
        "ImmutableArray`1", "ImmutableList`1", "ImmutableDictionary`2", "ImmutableHashSet`1",
        "ImmutableSortedDictionary`2", "ImmutableSortedSet`1", "ImmutableQueue`1", "ImmutableStack`1",
    ];

    private readonly Dictionary<ITypeSymbol, bool> _known = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> _inProgress = new(SymbolEqualityComparer.Default);

    public bool IsImmutable(ITypeSymbol type)
    {
        if (_known.TryGetValue(type, out var known))
        {
            return known;
        }

        // A type referring back to itself is assumed immutable while it is examined; its own fields decide.
        if (!_inProgress.Add(type))
        {
            return true;
        }

        var result = Classify(type);
        _inProgress.Remove(type);

        // "Mutable" never depends on an assumption; "immutable" does while an enclosing type is still being examined.
        if (!result || _inProgress.Count == 0)
        {
            _known[type] = result;
        }

        return result;
    }

    private bool Classify(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Decimal:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_String:
            case SpecialType.System_IntPtr:
            case SpecialType.System_UIntPtr:
                return true;
            case SpecialType.System_Object:
                return false;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return true;
        }

        if (type is not INamedTypeSymbol named || type.TypeKind is TypeKind.Delegate or TypeKind.Error)
        {
            // Arrays, pointers, type parameters, dynamic, delegates.
            return false;
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return IsImmutable(named.TypeArguments[0]);
        }

        if (named.ContainingType is null && IsInNamespace(named, "System") && s_immutableSystemTypes.Contains(named.MetadataName))
        {
            return true;
        }

        if (WellKnownType.Is(named, "Weft", "GrainId")
            || WellKnownType.HasAttribute(named, "Weft", "ImmutableAttribute")
            || GrainSymbols.IsGrainInterface(named))
        {
            return true;
        }

        if (named.ContainingType is null
            && IsInNamespace(named, "System.Collections.Immutable")
            && s_immutableCollections.Contains(named.MetadataName))
        {
            return named.TypeArguments.All(IsImmutable);
        }

        if (named.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        return named.TypeKind switch
        {
            TypeKind.Struct => HasOnlyImmutableState(named),
            TypeKind.Class => (named.IsRecord || (named.IsSealed && !named.IsAbstract)) && ClassHasOnlyImmutableState(named),
            _ => false,
        };
    }

    private bool ClassHasOnlyImmutableState(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.SpecialType == SpecialType.System_Object)
            {
                return true;
            }

            if (current.DeclaringSyntaxReferences.IsEmpty || !HasOnlyImmutableState(current))
            {
                return false;
            }
        }

        return true;
    }

    private bool HasOnlyImmutableState(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            switch (member)
            {
                case IFieldSymbol { IsStatic: false, IsConst: false } field:
                    if (!IsReadOnly(field) || !IsImmutable(field.Type))
                    {
                        return false;
                    }

                    break;
                case IEventSymbol { IsStatic: false, IsAbstract: false }:
                    return false;
            }
        }

        return !CapturesPrimaryConstructorParameter(type);
    }

    private static bool IsReadOnly(IFieldSymbol field)
        => field.IsReadOnly || field.AssociatedSymbol is IPropertySymbol { SetMethod.IsInitOnly: true };

    /// <summary>
    /// A primary constructor parameter used outside initializers becomes a hidden mutable field that GetMembers does
    /// not show. Records are exempt: their parameters are properties.
    /// </summary>
    private static bool CapturesPrimaryConstructorParameter(INamedTypeSymbol type)
    {
        if (type.IsRecord)
        {
            return false;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax { ParameterList.Parameters.Count: > 0 } declaration)
            {
                continue;
            }

            var names = new HashSet<string>(declaration.ParameterList.Parameters.Select(p => p.Identifier.ValueText));
            foreach (var member in declaration.Members)
            {
                foreach (var body in BodiesOf(member))
                {
                    if (body.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => names.Contains(n.Identifier.ValueText)))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static IEnumerable<SyntaxNode> BodiesOf(MemberDeclarationSyntax member)
    {
        switch (member)
        {
            case FieldDeclarationSyntax:
                yield break;
            case PropertyDeclarationSyntax property:
                if (property.AccessorList is not null)
                {
                    yield return property.AccessorList;
                }

                if (property.ExpressionBody is not null)
                {
                    yield return property.ExpressionBody;
                }

                yield break;
            default:
                yield return member;
                yield break;
        }
    }

    private static bool IsInNamespace(INamedTypeSymbol type, string ns) => WellKnownType.Is(type.OriginalDefinition, ns, type.MetadataName);
}
