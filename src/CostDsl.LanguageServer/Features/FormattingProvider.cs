using CostDsl.Engine;
using CostDsl.LanguageServer.Protocol;
using CostDsl.LanguageServer.Workspace;
using CostDsl.Text;
using CostDsl.Tooling.Formatting;

namespace CostDsl.LanguageServer.Features;

/// <summary>
/// Document formatting by the formatter <c>costdsl fmt</c> uses: one edit that replaces the whole
/// text, or none when the text is already formatted or has syntax errors (which fmt leaves alone
/// too; the diagnostics already say what they are).
/// </summary>
public static class FormattingProvider
{
    public static IReadOnlyList<TextEdit> Format(SourceFile file)
    {
        var result = DeepStack.Run(() => Formatter.Format(file));
        if (result.HasErrors || !result.Changed)
        {
            return [];
        }

        var lines = new TextLines(file.Text);
        return [new TextEdit(lines.Range(0, file.Text.Length), result.Text)];
    }
}
