using CostDsl.LanguageServer.Protocol;
using CostDsl.LanguageServer.Workspace;
using CostDsl.Syntax;
using CostDsl.Tooling.Formatting;

namespace CostDsl.LanguageServer.Features;

/// <summary>The outline: every declaration of the file, a block with its fields under it.</summary>
public static class SymbolProvider
{
    public static IReadOnlyList<DocumentSymbol> Symbols(SyntaxTree tree)
    {
        var lines = new TextLines(tree.File.Text);
        var symbols = new List<DocumentSymbol>();
        foreach (var declaration in tree.Declarations)
        {
            DocumentSymbol? symbol = declaration switch
            {
                BlockDecl block => new DocumentSymbol(
                    block.Name,
                    block.Kind.ToString().ToLowerInvariant() + (block.Base is { } b ? $" extends {b}" : string.Empty),
                    SymbolKinds.Class,
                    lines.Range(block.Span),
                    lines.Range(block.NameSpan),
                    [.. block.Fields.Select(f => new DocumentSymbol(f.Name, ExpressionPrinter.Print(f.Value), SymbolKinds.Field, lines.Range(f.Span), lines.Range(f.NameSpan), null))]),
                LetDecl let => new DocumentSymbol(let.Name, ExpressionPrinter.Print(let.Value), SymbolKinds.Variable, lines.Range(let.Span), lines.Range(let.NameSpan), null),
                OutputDecl output => new DocumentSymbol(output.Name, "output", SymbolKinds.Property, lines.Range(output.Span), lines.Range(output.NameSpan), null),
                FnDecl fn => new DocumentSymbol(fn.Name, $"fn({string.Join(", ", fn.Parameters.Select(p => p.Name))})", SymbolKinds.Function, lines.Range(fn.Span), lines.Range(fn.NameSpan), null),
                UnitDecl unit => new DocumentSymbol(unit.Name, "unit", SymbolKinds.Constant, lines.Range(unit.Span), lines.Range(unit.NameSpan), null),
                ScenarioDecl scenario => new DocumentSymbol(scenario.Name, "scenario", SymbolKinds.Namespace, lines.Range(scenario.Span), lines.Range(scenario.NameSpan), null),
                ImportDecl import => new DocumentSymbol(import.Path, "import", SymbolKinds.Module, lines.Range(import.Span), lines.Range(import.PathSpan), null),
                AssertDecl assert => new DocumentSymbol(assert.Message ?? assert.Condition.Span.Text, "assert", SymbolKinds.Event, lines.Range(assert.Span), lines.Range(assert.Condition.Span), null),
                SweepDecl sweep => new DocumentSymbol(sweep.PathText, "sweep", SymbolKinds.Event, lines.Range(sweep.Span), lines.Range(sweep.PathSpan), null),
                _ => null,
            };
            if (symbol is not null)
            {
                symbols.Add(symbol);
            }
        }

        return symbols;
    }
}
