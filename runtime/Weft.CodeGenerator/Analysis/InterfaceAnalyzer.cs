using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Weft.CodeGenerator.Diagnostics;
using Weft.CodeGenerator.Model;

namespace Weft.CodeGenerator.Analysis;

/// <summary>Turns a grain interface declaration into an <see cref="InterfaceModel"/>, or into the errors that prevent one.</summary>
internal static class InterfaceAnalyzer
{
    public static bool IsCandidate(SyntaxNode node) => node is InterfaceDeclarationSyntax { BaseList: not null };

    public static InterfaceResult? Analyze(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var declaration = (InterfaceDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol symbol
            || !GrainSymbols.IsGrainInterface(symbol)
            || !GrainSymbols.IsPrimaryDeclaration(symbol, declaration))
        {
            return null;
        }

        var location = declaration.Identifier.GetLocation();
        var diagnostics = new List<DiagnosticInfo>();
        var broken = false;

        if (!GrainSymbols.IsAccessibleFromAssembly(symbol))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Inaccessible, location, "interface", symbol.Name));
        }

        if (GrainSymbols.IsGenericOrInGeneric(symbol))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericInterface, location, symbol.Name));
        }

        var keyKinds = new List<string>();
        foreach (var inherited in symbol.AllInterfaces)
        {
            if (GrainSymbols.KeyKindOf(inherited) is { } keyKind)
            {
                keyKinds.Add(keyKind);
            }
        }

        if (keyKinds.Count > 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SeveralKeyKinds, location, symbol.Name));
        }

        var classifier = new ImmutabilityClassifier();
        var mangledName = Naming.Mangle(symbol);
        var methods = new List<MethodModel>();
        var overloads = new Dictionary<string, int>();

        foreach (var declaring in Declarers(symbol))
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Inherited grain interfaces in this compilation report their own errors; others are reported here.
            var reportsOwnErrors = !SymbolEqualityComparer.Default.Equals(declaring, symbol)
                && !declaring.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty
                && GrainSymbols.IsGrainInterface(declaring);
            var memberDiagnostics = reportsOwnErrors ? new List<DiagnosticInfo>() : diagnostics;
            // Members of interfaces declared elsewhere have no location here: their errors point at this interface.
            var ownMembers = SymbolEqualityComparer.Default.Equals(declaring, symbol);

            foreach (var member in declaring.GetMembers())
            {
                var memberLocation = ownMembers ? FirstLocation(member) ?? location : location;
                var method = AnalyzeMember(declaring, member, memberLocation, ownMembers, classifier, memberDiagnostics, ref broken);
                if (method is null)
                {
                    continue;
                }

                overloads.TryGetValue(method.Name, out var overload);
                overloads[method.Name] = overload + 1;
                methods.Add(method with { RequestName = Naming.RequestName(mangledName, method.Name, overload) });
            }
        }

        if (broken || diagnostics.Count > 0)
        {
            return new InterfaceResult(null, diagnostics.ToEquatableArray());
        }

        var model = new InterfaceModel(
            symbol.ToAnnotated(),
            symbol.ToTypeOf(),
            mangledName,
            keyKinds[0],
            methods.ToEquatableArray());
        return new InterfaceResult(model, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>The interface itself, then every inherited interface whose methods the proxy must implement.</summary>
    private static IEnumerable<INamedTypeSymbol> Declarers(INamedTypeSymbol symbol)
    {
        yield return symbol;
        foreach (var inherited in symbol.AllInterfaces)
        {
            if (!GrainSymbols.IsMarker(inherited))
            {
                yield return inherited;
            }
        }
    }

    private static Location? FirstLocation(ISymbol symbol)
        => symbol.Locations.Length > 0 && symbol.Locations[0].IsInSource ? symbol.Locations[0] : null;

    private static MethodModel? AnalyzeMember(
        INamedTypeSymbol declaring,
        ISymbol member,
        Location location,
        bool ownMember,
        ImmutabilityClassifier classifier,
        List<DiagnosticInfo> diagnostics,
        ref bool broken)
    {
        switch (member)
        {
            case IPropertySymbol property:
                broken = true;
                diagnostics.Add(property.IsIndexer
                    ? DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMember, location, declaring.Name, "an indexer", "this[]", "replace it with a method such as 'Task<T> GetItem(TKey key)'")
                    : DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMember, location, declaring.Name, "property", property.Name, $"replace it with a method such as 'Task<T> Get{property.Name}()'"));
                return null;
            case IEventSymbol @event:
                broken = true;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMember, location, declaring.Name, "event", @event.Name, "notify callers through another grain or a stream instead"));
                return null;
            case IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.UserDefinedOperator or MethodKind.Conversion } method:
                if (method.IsStatic)
                {
                    if (!method.IsAbstract && !method.IsVirtual)
                    {
                        // Static helpers with a body run on the caller and need no proxy.
                        return null;
                    }

                    broken = true;
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMember, location, declaring.Name, "static abstract member", method.Name, "move it to a non-grain interface"));
                    return null;
                }

                return AnalyzeMethod(declaring, method, location, ownMember, classifier, diagnostics, ref broken);
            default:
                return null;
        }
    }

    private static MethodModel? AnalyzeMethod(
        INamedTypeSymbol declaring,
        IMethodSymbol method,
        Location location,
        bool ownMethod,
        ImmutabilityClassifier classifier,
        List<DiagnosticInfo> diagnostics,
        ref bool broken)
    {
        var displayName = declaring.Name + "." + method.Name;
        var errorsBefore = diagnostics.Count;

        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericMethod, location, displayName));
        }

        var returnKind = ClassifyReturn(method, out var resultType);
        if (returnKind is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidReturnType, location, displayName, method.ReturnType.ToDisplayString()));
        }

        var parameters = new List<ParameterModel>();
        var argumentsNeedCopy = false;
        var typesAreErroneous = method.ReturnType.TypeKind == TypeKind.Error;
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            var parameterLocation = ownMethod ? FirstLocation(parameter) ?? location : location;
            if (parameter.RefKind != RefKind.None)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ByRefParameter, parameterLocation, parameter.Name, displayName, RefKindKeyword(parameter.RefKind)));
            }

            var type = parameter.Type;
            typesAreErroneous |= type.TypeKind == TypeKind.Error;
            if (type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer || type.IsRefLikeType)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameterType, parameterLocation, parameter.Name, displayName, type.ToDisplayString()));
            }
            else if (WellKnownType.Is(type, "System.Threading", "CancellationToken"))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CancellationTokenParameter, parameterLocation, parameter.Name, displayName));
            }

            var needsCopy = !classifier.IsImmutable(type);
            argumentsNeedCopy |= needsCopy;
            parameters.Add(new ParameterModel(Naming.EscapeKeyword(parameter.Name), type.ToAnnotated(), needsCopy));
        }

        if (diagnostics.Count > errorsBefore || typesAreErroneous || returnKind is null)
        {
            // Erroneous types are already compile errors; emitting code for them would only add noise.
            broken = true;
            return null;
        }

        var alwaysInterleave = WellKnownType.HasAttribute(method, "Weft", "AlwaysInterleaveAttribute");
        var readOnly = WellKnownType.HasAttribute(method, "Weft", "ReadOnlyAttribute");
        var freshKey = WellKnownType.HasAttribute(method, "Weft", "FreshKeyAttribute");
        if (freshKey && (alwaysInterleave || readOnly))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FreshKeyInterleaving, location, displayName, readOnly ? "ReadOnly" : "AlwaysInterleave"));
            broken = true;
            return null;
        }

        var flags = new List<string>(3);
        if (alwaysInterleave)
        {
            flags.Add("global::Weft.Invocation.GrainMethodOptions.AlwaysInterleave");
        }

        if (readOnly)
        {
            flags.Add("global::Weft.Invocation.GrainMethodOptions.ReadOnly");
        }

        if (freshKey)
        {
            flags.Add("global::Weft.Invocation.GrainMethodOptions.FreshKey");
        }

        var options = flags.Count == 0 ? "global::Weft.Invocation.GrainMethodOptions.None" : string.Join(" | ", flags);

        return new MethodModel(
            declaring.ToAnnotated(),
            declaring.ToTypeOf(),
            method.Name,
            Naming.EscapeKeyword(method.Name),
            method.ReturnType.ToAnnotated(),
            returnKind.Value,
            method.ReturnType.NullableAnnotation == NullableAnnotation.Annotated,
            resultType is null ? "global::Weft.Invocation.NoResult" : resultType.ToAnnotated(),
            options,
            argumentsNeedCopy,
            resultType is not null && !classifier.IsImmutable(resultType),
            parameters.ToEquatableArray(),
            RequestName: string.Empty);
    }

    private static ReturnKind? ClassifyReturn(IMethodSymbol method, out ITypeSymbol? resultType)
    {
        resultType = null;
        if (method.ReturnsByRef || method.ReturnsByRefReadonly || method.ReturnType is not INamedTypeSymbol returnType)
        {
            return null;
        }

        const string Tasks = "System.Threading.Tasks";
        var definition = returnType.OriginalDefinition;
        if (WellKnownType.Is(definition, Tasks, "Task"))
        {
            return ReturnKind.Task;
        }

        if (WellKnownType.Is(definition, Tasks, "ValueTask"))
        {
            return ReturnKind.ValueTask;
        }

        if (WellKnownType.Is(definition, Tasks, "Task`1"))
        {
            resultType = returnType.TypeArguments[0];
            return ReturnKind.TaskOfT;
        }

        if (WellKnownType.Is(definition, Tasks, "ValueTask`1"))
        {
            resultType = returnType.TypeArguments[0];
            return ReturnKind.ValueTaskOfT;
        }

        return null;
    }

    private static string RefKindKeyword(RefKind refKind) => refKind switch
    {
        RefKind.Ref => "ref",
        RefKind.Out => "out",
        RefKind.In => "in",
        _ => "ref readonly",
    };
}
