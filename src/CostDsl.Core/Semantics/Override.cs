using System.Collections.Immutable;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Semantics;

/// <summary>A <c>--set PATH=EXPR</c>: replaces the value of a let or of a field the block has.</summary>
public sealed record Override(ImmutableArray<string> Path, Expr Value, SourceSpan Span)
{
    public string PathText => string.Join('.', Path);
}
