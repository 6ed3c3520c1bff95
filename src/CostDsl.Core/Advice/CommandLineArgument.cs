using CostDsl.Text;

namespace CostDsl.Advice;

/// <summary>
/// Where a diagnostic about a command-line argument points. The engine reads each <c>--set</c> and
/// <c>--sweep</c> in a source file of its own named after the option ("--set PATH"), so a parse error
/// inside the argument keeps its column there. A name the argument gets wrong has no place in any
/// file: such a diagnostic has no span (no caret at line 1, column 1 of the spec) and its message
/// names the argument instead.
/// </summary>
public static class CommandLineArgument
{
    public static bool IsArgument(SourceFile file) => file.Path.StartsWith("--", StringComparison.Ordinal);

    /// <summary>The span, or null when it lies in a command-line argument.</summary>
    public static SourceSpan? Locate(SourceSpan span) => IsArgument(span.File) ? null : span;
}
