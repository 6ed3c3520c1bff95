using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Semantics;

/// <summary>
/// How one spec is checked given what <see cref="ModuleChecks"/> knows: the files of the import
/// closures known to check clean, whose declarations are checked only where the rest of the program
/// reaches them, whether anything in those files draws samples, and every loaded tree's closure fingerprint.
/// </summary>
internal sealed record ModulePlan(IReadOnlySet<SourceFile> Skipped, bool SkippedDrawSamples, IReadOnlyDictionary<SyntaxTree, string> Fingerprints)
{
    /// <summary>Whether <paramref name="symbol"/> is declared in a file checked only where reached.</summary>
    public bool Skips(Symbol symbol) => Skipped.Contains(symbol.NameSpan.File);

    public bool Skips(SourceFile file) => Skipped.Contains(file);
}
