using System.Globalization;
using System.Text;
using CostDsl.Functions;
using CostDsl.LanguageServer.Analysis;
using CostDsl.LanguageServer.Protocol;
using CostDsl.LanguageServer.Workspace;
using CostDsl.Output;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Tooling.Formatting;

namespace CostDsl.LanguageServer.Features;

/// <summary>
/// Hover: what the thing under the cursor is, its unit and dimension, its value as <c>costdsl eval</c>
/// computes it (p5 .. p95 and median when uncertain), where a catalog figure comes from, and for a
/// function its signature and formula from the declarations that also generate grammar/library.md.
/// </summary>
public static class HoverProvider
{
    public static Hover? Hover(EvaluatedSpec evaluated, SyntaxHit hit, Meaning meaning, TextLines lines)
    {
        var text = new StringBuilder();
        switch (meaning)
        {
            case LetMeaning let:
                text.Append(Code($"{(let.Let.IsOutput ? "output" : "let")} {let.Let.Name} = {ExpressionPrinter.Print(let.Let.Value)}"));
                AppendValue(text, evaluated, () => evaluated.Let(let.Let), let.Output?.DisplayUnit, let.Output?.UnitText, let.Let.Value);
                AppendSource(text, Comments(evaluated)?.CommentAfter(let.Let.Decl.Span));
                AppendPlace(text, let.Let.Decl.Span);
                break;
            case FieldMeaning field:
                var declaredIn = field.Field.DeclaredIn;
                text.Append(Code($"{field.Block.Describe()}\n{field.Block.Name}.{field.Field.Name} = {ExpressionPrinter.Print(field.Field.Value)}"));
                if (declaredIn != field.Block)
                {
                    text.Append($"Inherited from `{declaredIn.Name}`.\n\n");
                }

                if (KnownFields.Find(field.Block.Kind, field.Field.Name) is { } rule)
                {
                    text.Append(rule.Meaning).Append("\n\n");
                }

                AppendValue(text, evaluated, () => evaluated.Field(field.Block, field.Field.Name), null, null, field.Field.Value);
                AppendSource(text, Comments(evaluated)?.CommentAfter(Cover(field.Field)));
                AppendPlace(text, field.Field.NameSpan);
                break;
            case BlockMeaning block:
                var decl = block.Block.Decl;
                text.Append(Code($"{block.Block.Describe()}{(decl.Base is { } b ? $" extends {b}" : string.Empty)}"));
                text.Append(CultureInfo.InvariantCulture, $"{block.Block.Fields.Count} fields: {string.Join(", ", block.Block.Fields.Select(f => f.Name))}\n\n");
                AppendSource(text, Comments(evaluated)?.CommentAfter(decl.NameSpan) ?? Comments(evaluated)?.CommentsAbove(decl.Span));
                AppendPlace(text, decl.NameSpan);
                break;
            case UnitMeaning unit:
                text.Append(Code($"unit {unit.Name}"));
                if (unit.Unit is { } resolved)
                {
                    var dimension = resolved.Dimension.IsNone ? "a number" : resolved.Dimension.ToString();
                    text.Append(CultureInfo.InvariantCulture, $"1 {unit.Name} = {NumberFormat.Json(resolved.Scale)}{(resolved.Dimension.IsNone ? string.Empty : " " + resolved.Dimension)} (dimension: {dimension})\n\n");
                }

                if (unit.Declaration is { } declared)
                {
                    AppendSource(text, Comments(evaluated)?.CommentAfter(declared.Decl.Span));
                    AppendPlace(text, declared.Decl.Span);
                }

                break;
            case BuiltinMeaning builtin:
                text.Append(Builtin(builtin.Function));
                break;
            case FunctionMeaning fn:
                var function = fn.Function.Decl;
                text.Append(Code($"fn {function.Name}({string.Join(", ", function.Parameters.Select(p => p.Name))}) = {ExpressionPrinter.Print(function.Body)}"));
                AppendSource(text, Comments(evaluated)?.CommentAfter(function.Span));
                AppendPlace(text, function.NameSpan);
                break;
            case ParameterMeaning parameter:
                text.Append(Code($"parameter {parameter.Parameter.Name} of fn {parameter.Function.Name}"));
                break;
            case ImportMeaning import:
                text.Append(Code($"import \"{import.Import.Path}\""));
                text.Append(import.File is { } file ? $"`{file.Path}`\n" : $"{import.Error}\n");
                break;
            default:
                return null;
        }

        return new Hover(MarkupContent.Markdown(text.ToString().TrimEnd()), lines.Range(hit.Span));
    }

    /// <summary>A builtin's signature, what it computes and returns, its source and its parameters: grammar/library.md's entry.</summary>
    public static string Builtin(BuiltinFunction function)
    {
        var text = new StringBuilder(Code(function.Signature));
        text.Append(function.Summary).Append("\n\n");
        text.Append("Returns: ").Append(function.Returns).Append("\n\n");
        if (function.Source.Length > 0)
        {
            text.Append("Source: ").Append(function.Source).Append("\n\n");
        }

        foreach (var parameter in function.Parameters)
        {
            var kind = parameter.MayBeLeftOut ? (parameter.Optional ? " (optional)" : " (has a default)") : string.Empty;
            text.Append("- `").Append(parameter.Signature).Append('`').Append(kind).Append(": ").Append(parameter.Description).Append('\n');
        }

        return text.ToString();
    }

    private static void AppendValue(StringBuilder text, EvaluatedSpec evaluated, Func<Value?> compute, Units.Unit? unit, string? unitText, Syntax.Expr written)
    {
        if (evaluated.NotEvaluated is { } why)
        {
            text.Append('_').Append(why).Append("_\n\n");
            return;
        }

        var value = compute();
        if (value is null || evaluated.Layout is not { } layout)
        {
            text.Append("_no value: its evaluation failed (see the diagnostics)_\n\n");
            return;
        }

        // Shown as costdsl eval's table shows it: in the unit of 'in', else in the unit the expression is written in.
        var shown = unit is not null ? unit with { Name = unitText ?? unit.Name }
            : value is Quantity q && evaluated.Spec.Program is { } program ? program.WrittenUnit(written, q.Dimension) : null;
        text.Append(ValueText.Describe(value, layout, shown)).Append('\n');
    }

    /// <summary>The program whose trees hold the comments (the parser's trivia) that say where a figure comes from.</summary>
    private static ProgramModel? Comments(EvaluatedSpec evaluated) => evaluated.Spec.Model;

    private static void AppendSource(StringBuilder text, string? source)
    {
        if (source is not null)
        {
            text.Append("Source: ").Append(source).Append("\n\n");
        }
    }

    private static void AppendPlace(StringBuilder text, Text.SourceSpan span) =>
        text.Append(CultureInfo.InvariantCulture, $"_{span.File.Path}:{span.Line}_\n");

    private static Text.SourceSpan Cover(FieldSymbol field) => Text.SourceSpan.Cover(field.NameSpan, field.Value.Span);

    private static string Code(string code) => $"```costdsl\n{code}\n```\n";
}
