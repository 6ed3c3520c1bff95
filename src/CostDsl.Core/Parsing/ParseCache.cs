using System.Collections.Concurrent;
using CostDsl.Diagnostics;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Parsing;

/// <summary>
/// Parsed files by location and content, shared by many runs and threads: a batch parses the bundled
/// library once. A file whose text changed is a new entry. Syntax trees are immutable, so sharing is safe.
/// </summary>
public sealed class ParseCache
{
    private readonly ConcurrentDictionary<(string Location, string Text), (SyntaxTree Tree, Diagnostic[] Diagnostics)> entries = new();

    public int Count => entries.Count;

    public SyntaxTree Parse(SourceFile file, DiagnosticBag diagnostics)
    {
        var (tree, found) = entries.GetOrAdd((file.Location, file.Text), _ =>
        {
            var own = new DiagnosticBag();
            var parsed = Parser.ParseFile(file, own);
            return (parsed, own.Items.ToArray());
        });
        diagnostics.AddRange(found);
        return tree;
    }
}
