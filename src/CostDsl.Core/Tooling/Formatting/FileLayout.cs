using System.Text;
using CostDsl.Diagnostics;
using CostDsl.Parsing;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Tooling.Formatting;

/// <summary>
/// Lays out one parsed file. The rules (grammar/README-fmt in the README): one declaration per line;
/// runs of blank lines become one, none at the start or end of the file or of a block; consecutive
/// one-line lets (and, apart, outputs) align their '=', and so do the one-line fields of a block (indented
/// two spaces); a comment stays on the line of the code it followed, at its column unless the code
/// grew into it; a comment on a line of its own stays there, indented like the code around it (or
/// under the comment it continues). A declaration written over several lines keeps its text.
/// </summary>
internal sealed class FileLayout(SourceFile file, SyntaxTree tree, IReadOnlyList<SourceComment> comments)
{
    private const string BlockIndent = "  ";

    private readonly string text = file.Text;
    private readonly List<LayoutLine> lines = [];
    private int groups;
    private int currentGroup = -1;
    private string? groupKeyword;

    public string Render()
    {
        PlanTopLevel();
        return Write();
    }

    private int LineOf(int offset) => file.Position(Math.Min(offset, text.Length)).Line;

    private int EndLineOf(SourceSpan span) => LineOf(Math.Max(span.Start, span.End - 1));

    private bool IsBlank(int line) => file.LineText(line).All(c => c is ' ' or '\t' or ';');

    private bool BlankBetween(int afterLine, int beforeLine)
    {
        for (var line = afterLine + 1; line < beforeLine; line++)
        {
            if (IsBlank(line))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Inside(SourceComment comment, SourceSpan span) => comment.Start >= span.Start && comment.Start < span.End;

    private void NewGroup()
    {
        currentGroup = groups++;
        groupKeyword = null;
    }

    /// <summary>Declarations and the comments standing between them, in the order of the file.</summary>
    private void PlanTopLevel()
    {
        var items = tree.Declarations.Select(d => (Start: d.Span.Start, Decl: (Decl?)d, Comment: (SourceComment?)null))
            .Concat(comments.Where(c => c.Standalone && !tree.Declarations.Any(d => Inside(c, d.Span))).Select(c => (c.Start, Decl: (Decl?)null, Comment: (SourceComment?)c)))
            .OrderBy(i => i.Start)
            .ToList();

        int? previousEnd = null;
        NewGroup();
        for (var k = 0; k < items.Count; k++)
        {
            var (start, decl, comment) = items[k];
            var startLine = LineOf(start);
            if (previousEnd is { } end && BlankBetween(end, startLine))
            {
                lines.Add(LayoutLine.Blank);
                NewGroup();
            }

            if (comment is not null)
            {
                lines.Add(new LayoutLine(string.Empty) { Standalone = comment, Indent = 0 });
                previousEnd = comment.Line;
                continue;
            }

            var nextStart = k + 1 < items.Count ? items[k + 1].Start : int.MaxValue;
            PlanDeclaration(decl!);
            lines[^1].Trailing = TrailingComment(decl!.Span, nextStart);
            previousEnd = EndLineOf(decl.Span);
        }
    }

    /// <summary>The comment after a piece of code on its last line, unless more code follows it there.</summary>
    private SourceComment? TrailingComment(SourceSpan span, int nextStart)
    {
        var line = EndLineOf(span);
        return comments.FirstOrDefault(c => !c.Standalone && c.Line == line && c.Start >= span.End && c.Start < nextStart);
    }

    private void PlanDeclaration(Decl decl)
    {
        if (decl is BlockDecl block)
        {
            NewGroup();
            PlanBlock(block);
            NewGroup();
            return;
        }

        var multiLine = decl.Span.Text.Contains('\n', StringComparison.Ordinal);
        var aligned = decl is LetDecl or OutputDecl { Value: not null };
        if (!multiLine && Canonical(decl) is { } line && RoundTrips(decl, line))
        {
            // Lets align with lets and outputs with outputs: a run of each reads as one table.
            var keyword = decl is LetDecl ? "let" : "output";
            if (aligned && groupKeyword != keyword)
            {
                NewGroup();
                groupKeyword = keyword;
            }

            if (!aligned && decl is not OutputDecl)
            {
                NewGroup();
            }

            lines.Add(line with { Group = line.Tail is null ? -1 : currentGroup });
            if (!aligned && decl is not OutputDecl)
            {
                NewGroup();
            }

            return;
        }

        NewGroup();
        AddVerbatim(decl.Span, string.Empty);
        NewGroup();
    }

    private static LayoutLine? Canonical(Decl decl) => decl switch
    {
        ImportDecl i => new LayoutLine("import " + i.PathSpan.Text),
        LetDecl l => new LayoutLine("let " + l.Name, ExpressionPrinter.Print(l.Value)),
        OutputDecl { Value: { } value } o => new LayoutLine("output " + o.Name, ExpressionPrinter.Print(value)),
        OutputDecl o => new LayoutLine("output " + o.Name + (o.Unit is null ? string.Empty : " in " + ExpressionPrinter.Print(o.Unit))),
        FnDecl f => new LayoutLine($"fn {f.Name}({string.Join(", ", f.Parameters.Select(p => p.Name))}) = {ExpressionPrinter.Print(f.Body)}"),
        UnitDecl u => new LayoutLine("unit " + u.Name + (u.Definition is null ? string.Empty : " = " + ExpressionPrinter.Print(u.Definition))),
        AssertDecl a => new LayoutLine("assert " + ExpressionPrinter.Print(a.Condition) + (a.Message is null ? string.Empty : " " + ExpressionPrinter.Quote(a.Message))),
        SweepDecl s => new LayoutLine($"sweep {s.PathText} in {ExpressionPrinter.Print(s.Values)}"),
        _ => null,
    };

    private static string Joined(LayoutLine line) => line.Tail is null ? line.Head : $"{line.Head} = {line.Tail}";

    /// <summary>Does the line parse back to the same declaration?</summary>
    private bool RoundTrips(Decl decl, LayoutLine line) => RoundTrips(decl, Joined(line), d => d);

    private bool RoundTrips(Decl expected, string source, Func<Decl, Decl> pick)
    {
        var bag = new DiagnosticBag();
        var parsed = Parser.ParseFile(new SourceFile(file.Path, source, file.Location), bag);
        return !bag.HasErrors && parsed.Declarations.Length == 1 && SyntaxEquality.Same(pick(parsed.Declarations[0]), expected);
    }

    private void PlanBlock(BlockDecl block)
    {
        var header = $"{block.Kind.ToString().ToLowerInvariant()} {block.Name}" + (block.Base is null ? string.Empty : $" extends {block.Base}");
        var inner = comments.Where(c => Inside(c, block.Span)).ToList();
        if (!block.Span.Text.Contains('\n', StringComparison.Ordinal) && inner.Count == 0)
        {
            var fields = block.Fields.Select(f => $"{f.Name} = {ExpressionPrinter.Print(f.Value)}").ToList();
            var line = new LayoutLine(fields.Count == 0 ? header + " {}" : $"{header} {{ {string.Join("; ", fields)} }}");
            if (RoundTrips(block, line))
            {
                lines.Add(line);
            }
            else
            {
                AddVerbatim(block.Span, string.Empty);
            }

            return;
        }

        var open = text.IndexOf('{', (block.BaseSpan ?? block.NameSpan).End);
        var close = block.Span.End - 1;
        var headerLine = LineOf(open);
        lines.Add(new LayoutLine(header + " {")
        {
            Trailing = inner.FirstOrDefault(c => !c.Standalone && c.Line == headerLine && c.Start > open
                && !block.Fields.Any(f => LineOf(f.Span.Start) == headerLine && f.Span.Start < c.Start)),
        });

        var items = block.Fields.Select(f => (Start: f.Span.Start, Field: (FieldDecl?)f, Comment: (SourceComment?)null))
            .Concat(inner.Where(c => c.Standalone && !block.Fields.Any(f => Inside(c, f.Span))).Select(c => (c.Start, Field: (FieldDecl?)null, Comment: (SourceComment?)c)))
            .OrderBy(i => i.Start)
            .ToList();
        var previousEnd = headerLine;
        var first = true;
        for (var k = 0; k < items.Count; k++)
        {
            var (start, field, comment) = items[k];
            if (!first && BlankBetween(previousEnd, LineOf(start)))
            {
                lines.Add(LayoutLine.Blank);
            }

            first = false;
            if (comment is not null)
            {
                lines.Add(new LayoutLine(string.Empty) { Standalone = comment, Indent = BlockIndent.Length });
                previousEnd = comment.Line;
                continue;
            }

            var nextStart = k + 1 < items.Count ? items[k + 1].Start : close;
            PlanField(field!);
            lines[^1].Trailing = TrailingComment(field!.Span, nextStart);
            previousEnd = EndLineOf(field.Span);
        }

        lines.Add(new LayoutLine("}"));
    }

    private void PlanField(FieldDecl field)
    {
        if (!field.Span.Text.Contains('\n', StringComparison.Ordinal))
        {
            var line = new LayoutLine(BlockIndent + field.Name, ExpressionPrinter.Print(field.Value), currentGroup);
            if (RoundTrips(field, $"hardware H {{\n{Joined(line)}\n}}", d => ((BlockDecl)d).Fields is [var only] ? only : d))
            {
                lines.Add(line);
                return;
            }
        }

        AddVerbatim(field.Span, BlockIndent);
    }

    /// <summary>The original text of a declaration: its first line indented, the others as they were.</summary>
    private void AddVerbatim(SourceSpan span, string indent)
    {
        var parts = span.Text.Split('\n');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].TrimEnd('\r', ' ', '\t');
            lines.Add(new LayoutLine(i == 0 ? indent + part : part));
        }
    }

    private string Write()
    {
        var widths = lines.Where(l => l.Tail is not null && l.Group >= 0)
            .GroupBy(l => l.Group)
            .ToDictionary(g => g.Key, g => g.Max(l => l.Head.Length));

        // Drop blank lines at the ends of the file and next to a block's braces.
        var kept = new List<LayoutLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (ReferenceEquals(line, LayoutLine.Blank)
                && (kept.Count == 0 || ReferenceEquals(kept[^1], LayoutLine.Blank) || i == lines.Count - 1 || lines[i + 1].Head == "}" || kept[^1].Head.EndsWith('{')))
            {
                continue;
            }

            kept.Add(line);
        }

        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var output = new StringBuilder();
        (int Original, int Placed)? lastTrailing = null;
        foreach (var line in kept)
        {
            string code;
            if (line.Standalone is { } own)
            {
                // A comment under a trailing comment, at its column, continues it: it moves with it.
                var column = lastTrailing is { } above && own.Column - 1 == above.Original && above.Original > line.Indent ? above.Placed : line.Indent;
                code = new string(' ', column) + own.Text;
                if (lastTrailing is { } kept2 && own.Column - 1 == kept2.Original)
                {
                    lastTrailing = (kept2.Original, column);
                }
                else
                {
                    lastTrailing = null;
                }
            }
            else
            {
                code = line.Tail is null ? line.Head : $"{line.Head.PadRight(line.Group >= 0 ? widths.GetValueOrDefault(line.Group, line.Head.Length) : line.Head.Length)} = {line.Tail}";
                code = code.TrimEnd();
                if (line.Trailing is { } trailing)
                {
                    var column = Math.Max(trailing.Column - 1, code.Length + 2);
                    code = code.PadRight(column) + trailing.Text;
                    lastTrailing = (trailing.Column - 1, column);
                }
                else
                {
                    lastTrailing = null;
                }
            }

            output.Append(code).Append(newline);
        }

        return output.ToString();
    }
}
