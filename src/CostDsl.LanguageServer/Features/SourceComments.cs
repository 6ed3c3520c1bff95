using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.LanguageServer.Features;

/// <summary>The comments that say where a figure comes from, found by the rules <c>costdsl explain</c> uses (<see cref="SourceComment"/>).</summary>
public static class SourceComments
{
    /// <summary>The comments after the code on the lines of <paramref name="span"/>: a catalog figure's source.</summary>
    public static string? On(SourceSpan span) => SourceComment.After(SourceComment.Scan(span.File), span);

    /// <summary>The comment lines right above a declaration (a block's notes), in order.</summary>
    public static string? Above(SourceSpan span) => SourceComment.Above(SourceComment.Scan(span.File), span);
}
