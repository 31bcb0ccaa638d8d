using Microsoft.CodeAnalysis;

namespace Weft.CodeGenerator.Tests.Infrastructure;

internal static class DiagnosticExtensions
{
    /// <summary>The source text the diagnostic points at.</summary>
    public static string LocatedText(this Diagnostic diagnostic, Compilation compilation)
    {
        var path = diagnostic.Location.GetLineSpan().Path;
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }
}
