using CostDsl.Diagnostics;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.LanguageServer.Analysis;

/// <summary>
/// One version of an open document, parsed, resolved and checked, with its imports. The model and
/// the checked program are kept even when there are errors: names, blocks and bindings that were
/// resolved still serve hover, definition and completion while the user types.
/// </summary>
public sealed record CheckedSpec(SourceFile Root, int Version, ProgramModel? Model, CheckedProgram? Program, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    public SyntaxTree? RootTree => Model?.Trees.LastOrDefault(t => ReferenceEquals(t.File, Root));

    /// <summary>Every file the program loaded, by location: its imports and the root.</summary>
    public IEnumerable<SourceFile> Files => Model?.Trees.Select(t => t.File) ?? [Root];

    public SyntaxTree? TreeOf(string location) => Model?.Trees.FirstOrDefault(t => t.File.Location == location);
}
