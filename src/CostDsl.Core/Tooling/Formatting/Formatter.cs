using CostDsl.Diagnostics;
using CostDsl.Parsing;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Tooling.Formatting;

/// <summary>
/// <c>costdsl fmt</c>: one canonical layout, comments kept where they were. Meaning is never at stake:
/// every declaration printed anew is parsed back and compared with the original (span-free), and one
/// that does not come back the same keeps its original text. The whole result is checked once more.
/// </summary>
public static class Formatter
{
    public static FormatResult Format(SourceFile file)
    {
        var diagnostics = new DiagnosticBag();
        var tree = Parser.ParseFile(file, diagnostics);
        if (diagnostics.HasErrors)
        {
            // A file that does not parse has no meaning to keep; fmt leaves it alone and says why.
            return new FormatResult(file.Text, false, diagnostics.Sorted());
        }

        var text = new FileLayout(file, tree, tree.Comments).Render();
        if (!KeepsMeaning(file, tree, text))
        {
            diagnostics.Error(Codes.InternalError, file.Span(0, 0), $"fmt could not lay out {file.Path} without changing it, so it is left as it is. Please report it with the file.");
            return new FormatResult(file.Text, false, diagnostics.Sorted());
        }

        return new FormatResult(text, !string.Equals(text, file.Text, StringComparison.Ordinal), diagnostics.Sorted());
    }

    /// <summary>The same program (apart from spans) and the same comments, in the same order.</summary>
    public static bool KeepsMeaning(SourceFile original, SyntaxTree tree, string formatted)
    {
        var bag = new DiagnosticBag();
        var result = new SourceFile(original.Path, formatted, original.Location);
        var reparsed = Parser.ParseFile(result, bag);
        return !bag.HasErrors
            && SyntaxEquality.Same(reparsed, tree)
            && reparsed.Comments.Select(c => c.Text).SequenceEqual(tree.Comments.Select(c => c.Text));
    }
}
