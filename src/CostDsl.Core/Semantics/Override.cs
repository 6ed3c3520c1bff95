using System.Collections.Immutable;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Semantics;

/// <summary>A <c>--set PATH=EXPR</c>: replaces a let's value or a block field's (adding the field if the block lacks it).</summary>
public sealed record Override(ImmutableArray<string> Path, Expr Value, SourceSpan Span)
{
    public string PathText => string.Join('.', Path);
}
