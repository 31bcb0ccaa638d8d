using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Weft.CodeGenerator.Analysis;

/// <summary>Identifiers of generated types.</summary>
internal static class Naming
{
    /// <summary>
    /// The full name of a type as one identifier: namespace and containing types joined by '_', with '_' inside
    /// names doubled, so Ns.A.IFoo and Other.A.IFoo (or a nested IFoo) never collide.
    /// </summary>
    public static string Mangle(INamedTypeSymbol type)
    {
        var builder = new StringBuilder();
        Append(builder, type.ContainingType is { } containing ? containing : null, type.ContainingNamespace);
        if (builder.Length > 0)
        {
            builder.Append('_');
        }

        builder.Append(Escape(type.Name));
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, INamedTypeSymbol? containingType, INamespaceSymbol? ns)
    {
        if (containingType is not null)
        {
            builder.Append(Mangle(containingType));
            return;
        }

        if (ns is null || ns.IsGlobalNamespace)
        {
            return;
        }

        Append(builder, null, ns.ContainingNamespace);
        if (builder.Length > 0)
        {
            builder.Append('_');
        }

        builder.Append(Escape(ns.Name));
    }

    public static string Escape(string name) => name.Replace("_", "__");

    public static string RequestName(string mangledInterface, string methodName, int overload)
        => "Request_" + mangledInterface + "_" + Escape(methodName) + "_" + overload.ToString(CultureInfo.InvariantCulture);

    /// <summary>The assembly name as one identifier (Weft.Grains → Weft_Grains) for the generated namespace.</summary>
    public static string SanitizeAssemblyName(string? assemblyName)
    {
        if (string.IsNullOrEmpty(assemblyName))
        {
            return "_";
        }

        var builder = new StringBuilder(assemblyName!.Length + 1);
        if (!SyntaxFacts.IsIdentifierStartCharacter(assemblyName[0]))
        {
            builder.Append('_');
        }

        foreach (var c in assemblyName)
        {
            builder.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary>A declared name as C# source must spell it (@class).</summary>
    public static string EscapeKeyword(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
