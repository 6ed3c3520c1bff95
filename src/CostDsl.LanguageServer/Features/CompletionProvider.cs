using System.Text.RegularExpressions;
using CostDsl.Functions;
using CostDsl.LanguageServer.Analysis;
using CostDsl.LanguageServer.Protocol;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Tooling.Formatting;

namespace CostDsl.LanguageServer.Features;

/// <summary>
/// Completion from what the program declares: a block's fields after <c>Block.</c>, units after a
/// number or <c>in</c>, else names (lets, blocks, functions with their parameters as a snippet,
/// the block's own fields inside a block, parameters inside a function) and keywords. While the
/// line being typed does not parse, the names come from the last version that did.
/// </summary>
public static partial class CompletionProvider
{
    // The language's keywords (Parsing/Lexical.cs): declarations first, then those inside expressions.
    private static readonly string[] DeclarationKeywords = ["import", "hardware", "model", "workload", "let", "fn", "unit", "output", "assert", "sweep", "scenario"];
    private static readonly string[] ExpressionKeywords = ["extends", "if", "then", "else", "and", "or", "not", "to", "in"];

    // Units people write after numbers, built from the prelude's base units and the prefixes every unit takes.
    private static readonly string[] PrefixedUnits = ["FLOP", "FLOPS", "OPS", "B", "bit", "W", "Wh", "J", "token"];
    private static readonly string[] CommonRates = ["FLOP/s", "TFLOP/s", "PFLOP/s", "GB/s", "TB/s", "Gbit/s", "token/s", "USD/h", "USD/kWh", "USD/GB"];

    public static CompletionList Complete(string text, int offset, CheckedSpec current, CheckedSpec? lastGood)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        var before = offset > lineStart ? text[lineStart..offset] : string.Empty;

        if (MemberAccess().Match(before) is { Success: true } member)
        {
            var name = member.Groups["block"].Value;
            var from = Block(current, name) is not null ? current : lastGood;
            var block = from is null ? null : Block(from, name);
            return new CompletionList(false, block is null ? [] : [.. block.Fields.Select(f => Field(from!.Model, block, f))]);
        }

        if (AfterNumber().IsMatch(before) || AfterIn().IsMatch(before))
        {
            return new CompletionList(false, Units(current.Model ?? lastGood?.Model));
        }

        var items = new List<CompletionItem>();
        var model = current.Model ?? lastGood?.Model;
        var atLineStart = before.Trim().All(char.IsLetterOrDigit);
        var enclosing = current.RootTree?.Declarations.FirstOrDefault(d => d.Span.Start < offset && offset <= d.Span.End);
        if (enclosing is BlockDecl blockDecl && model?.Values.GetValueOrDefault(blockDecl.Name) is BlockSymbol own)
        {
            items.AddRange(own.Fields.Select(f => Field(model, own, f)));
            if (atLineStart)
            {
                items.AddRange(KnownFields.Of(own.Kind).Where(r => own.Field(r.Field) is null).Select(r => new CompletionItem(r.Field, CompletionKinds.Field, r.Meaning, InsertText: $"{r.Field} = ")));
            }
        }

        if (enclosing is FnDecl fn)
        {
            items.AddRange(fn.Parameters.Select(p => new CompletionItem(p.Name, CompletionKinds.Variable, $"parameter of fn {fn.Name}")));
        }

        if (model is not null)
        {
            items.AddRange(model.Lets.Select(l => new CompletionItem(l.Name, CompletionKinds.Variable, $"{l.Describe()} = {ExpressionPrinter.Print(l.Value)}")));
            items.AddRange(model.Blocks.Select(b => new CompletionItem(b.Name, CompletionKinds.Class, b.Describe(), SortText: "2" + b.Name)));
            items.AddRange(model.Functions.Values.Select(f => new CompletionItem(
                f.Name,
                CompletionKinds.Function,
                $"fn {f.Name}({string.Join(", ", f.Decl.Parameters.Select(p => p.Name))})",
                InsertText: Snippet(f.Name, f.Decl.Parameters.Select(p => p.Name)),
                InsertTextFormat: 2)));
        }

        items.AddRange(BuiltinLibrary.All.Select(f => new CompletionItem(
            f.Name,
            CompletionKinds.Function,
            f.Signature,
            MarkupContent.Markdown(HoverProvider.Builtin(f)),
            Snippet(f.Name, f.Parameters.Where(p => !p.MayBeLeftOut).Select(p => p.Name)),
            2,
            "1" + f.Name)));
        items.AddRange((atLineStart ? DeclarationKeywords : ExpressionKeywords).Select(k => new CompletionItem(k, CompletionKinds.Keyword, SortText: "3" + k)));
        return new CompletionList(false, [.. items.DistinctBy(i => i.Label)]);
    }

    private static BlockSymbol? Block(CheckedSpec spec, string name) => spec.Model?.Values.GetValueOrDefault(name) as BlockSymbol;

    private static CompletionItem Field(ProgramModel? model, BlockSymbol block, FieldSymbol field)
    {
        var meaning = KnownFields.Find(block.Kind, field.Name)?.Meaning;
        var source = model?.CommentAfter(Text.SourceSpan.Cover(field.NameSpan, field.Value.Span));
        var documentation = string.Join("\n\n", new[] { meaning, source is null ? null : $"Source: {source}" }.OfType<string>());
        return new CompletionItem(
            field.Name,
            CompletionKinds.Field,
            $"{block.Name}.{field.Name} = {ExpressionPrinter.Print(field.Value)}",
            documentation.Length == 0 ? null : MarkupContent.Markdown(documentation));
    }

    private static List<CompletionItem> Units(ProgramModel? model)
    {
        var names = new List<string>();
        names.AddRange(model?.Units.Select(u => u.Name) ?? []);
        foreach (var unit in PrefixedUnits)
        {
            names.AddRange(CostDsl.Units.Prefixes.Decimal.Select(p => p.Symbol + unit));
            if (unit is "B" or "bit")
            {
                names.AddRange(CostDsl.Units.Prefixes.Binary.Select(p => p.Symbol + unit));
            }
        }

        names.AddRange(CommonRates);
        return [.. names.Distinct(StringComparer.Ordinal).Select(n => new CompletionItem(n, CompletionKinds.Unit, "unit"))];
    }

    /// <summary><c>name(${1:a}, ${2:b})</c>: the call with a placeholder for each parameter that must be given.</summary>
    private static string Snippet(string name, IEnumerable<string> parameters) =>
        $"{name}({string.Join(", ", parameters.Select((p, i) => $"${{{i + 1}:{p}}}"))})";

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<block>[A-Za-z_][A-Za-z0-9_]*)\.[A-Za-z0-9_]*$")]
    private static partial Regex MemberAccess();

    [GeneratedRegex(@"(?<![A-Za-z_])\d[\d_]*(\.\d+)?([eE][+-]?\d+)?%?\s+[A-Za-z]*$")]
    private static partial Regex AfterNumber();

    [GeneratedRegex(@"\bin\s+[A-Za-z/]*$")]
    private static partial Regex AfterIn();
}
