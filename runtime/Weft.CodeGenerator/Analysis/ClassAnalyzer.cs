using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Weft.CodeGenerator.Diagnostics;
using Weft.CodeGenerator.Model;

namespace Weft.CodeGenerator.Analysis;

/// <summary>Turns a grain class declaration into a <see cref="ClassModel"/> (its registration and factory), or into errors.</summary>
internal static class ClassAnalyzer
{
    private const string DefaultStorageName = "Default";

    public static bool IsCandidate(SyntaxNode node) => node is ClassDeclarationSyntax { BaseList: not null };

    public static ClassResult? Analyze(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var declaration = (ClassDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol symbol
            || symbol.IsAbstract
            || symbol.IsStatic
            || !GrainSymbols.DerivesFromGrain(symbol))
        {
            return null;
        }

        var interfaces = new List<string>();
        foreach (var implemented in symbol.AllInterfaces)
        {
            if (GrainSymbols.IsGrainInterface(implemented))
            {
                interfaces.Add(implemented.ToTypeOf());
            }
        }

        if (interfaces.Count == 0 || !GrainSymbols.IsPrimaryDeclaration(symbol, declaration))
        {
            return null;
        }

        var location = declaration.Identifier.GetLocation();
        var diagnostics = new List<DiagnosticInfo>();
        if (!GrainSymbols.IsAccessibleFromAssembly(symbol))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Inaccessible, location, "class", symbol.Name));
        }

        if (GrainSymbols.IsGenericOrInGeneric(symbol))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericClass, location, symbol.Name));
        }

        var grainType = GrainTypeName(symbol);
        if (grainType.Trim().Length == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyGrainType, location, symbol.Name));
        }

        var constructors = new List<IMethodSymbol>();
        foreach (var constructor in symbol.InstanceConstructors)
        {
            if (constructor.DeclaredAccessibility == Accessibility.Public)
            {
                constructors.Add(constructor);
            }
        }

        if (constructors.Count != 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ConstructorCount, location, symbol.Name, constructors.Count.ToString(CultureInfo.InvariantCulture)));
            return new ClassResult(null, diagnostics.ToEquatableArray());
        }

        var typeOfName = symbol.ToTypeOf();
        var states = new List<StateModel>();
        var arguments = new List<string>();
        foreach (var parameter in constructors[0].Parameters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var attribute = WellKnownType.FindAttribute(parameter, "Weft", "PersistentStateAttribute");
            if (attribute is null)
            {
                arguments.Add($"global::Weft.Metadata.GrainServices.GetRequired<{parameter.Type.ToAnnotated()}>(services, typeof({typeOfName}))");
                continue;
            }

            var parameterLocation = parameter.Locations.Length > 0 ? parameter.Locations[0] : location;
            if (!GrainSymbols.IsPersistentState(parameter.Type, out var stateType))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.PersistentStateType, parameterLocation, parameter.Name, symbol.Name, parameter.Type.ToDisplayString()));
                continue;
            }

            var stateName = StringArgument(attribute, 0) ?? parameter.Name;
            var storageName = StringArgument(attribute, 1) ?? DefaultStorageName;
            if (states.Exists(s => s.StateName == stateName))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateStateName, parameterLocation, symbol.Name, stateName, parameter.Name));
                continue;
            }

            states.Add(new StateModel(stateName, storageName, stateType!.ToTypeOf()));
            arguments.Add($"context.GetPersistentState<{stateType!.ToAnnotated()}>({Literal(stateName)}, {Literal(storageName)})");
        }

        if (diagnostics.Count > 0)
        {
            return new ClassResult(null, diagnostics.ToEquatableArray());
        }

        var model = new ClassModel(
            typeOfName,
            symbol.Name,
            grainType,
            new EquatableArray<string>(interfaces.ToArray()),
            WellKnownType.HasAttribute(symbol, "Weft", "ReentrantAttribute"),
            states.ToEquatableArray(),
            arguments.ToEquatableArray(),
            LocationInfo.From(location));
        return new ClassResult(model, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>[GrainType("name")], else the class name without a trailing "Grain", in lower case.</summary>
    public static string GrainTypeName(INamedTypeSymbol symbol)
    {
        if (WellKnownType.FindAttribute(symbol, "Weft", "GrainTypeAttribute") is { } attribute && StringArgument(attribute, 0) is { } pinned)
        {
            return pinned;
        }

        var name = symbol.Name;
        const string Suffix = "Grain";
        if (name.Length > Suffix.Length && name.EndsWith(Suffix, System.StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - Suffix.Length);
        }

        return name.ToLowerInvariant();
    }

    private static string? StringArgument(AttributeData attribute, int index)
        => attribute.ConstructorArguments.Length > index && attribute.ConstructorArguments[index].Value is string value ? value : null;

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
