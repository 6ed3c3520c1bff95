using System.Collections.Immutable;
using CostDsl.Text;

namespace CostDsl.Syntax;

/// <summary>An expression node. Every node carries the span of source it was parsed from.</summary>
public abstract record Expr(SourceSpan Span)
{
    /// <summary>
    /// Calls the visitor's method for this node's kind. Abstract, so that a new kind of node does
    /// not compile until it names its method, and that method does not exist until every pass has it.
    /// </summary>
    public abstract T Accept<T>(IExprVisitor<T> visitor);
}

/// <summary>A plain number; <c>35%</c> is stored as 0.35 with <see cref="IsPercent"/> set.</summary>
public sealed record NumberExpr(double Value, string Text, bool IsPercent, SourceSpan Span) : Expr(Span)
{
    public override T Accept<T>(IExprVisitor<T> visitor) => visitor.VisitNumber(this);
}

/// <summary>A number followed by a unit: <c>19.5 TFLOP/s</c>.</summary>
public sealed record QuantityExpr(NumberExpr Number, UnitSyntax Unit, SourceSpan Span) : Expr(Span)
{
    public override T Accept<T>(IExprVisitor<T> visitor) => visitor.VisitQuantity(this);
}

public sealed record NameExpr(string Name, SourceSpan Span) : Expr(Span)
{
    public override T Accept<T>(IExprVisitor<T> visitor) => visitor.VisitName(this);
}

/// <summary><c>Target.Member</c>, e.g. <c>A100.int8</c>.</summary>
public sealed record MemberExpr(Expr Target, string Member, SourceSpan MemberSpan, SourceSpan Span) : Expr(Span)
{
    public override T Accept<T>(IExprVisitor<T> visitor) => visitor.VisitMember(this);
}

/// <summary>An argument of a call, positional or named (<c>tokens: x</c>).</summary>
public sealed record Argument(string? Name, Expr Value, SourceSpan Span);

public sealed record CallExpr(string Callee, SourceSpan CalleeSpan, ImmutableArray<Argument> Arguments, SourceSpan Span) : Expr(Span)
{
    public override T Accept<T>(IExprVisitor<T> visitor) => visitor.VisitCall(this);

    public bool Equals(CallExpr? other) =>
        other is not null && Callee == other.Callee && Span.Equals(other.Span) && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Callee, Span);
}

public sealed record ListExpr(ImmutableArray<Expr> Items, SourceSpan Span) : Expr(Span)
{
    public override T Accept<T>(IExprVisitor<T> visitor) => visitor.VisitList(this);

    public bool Equals(ListExpr? other) => other is not null && Span.Equals(other.Span) && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Span.GetHashCode();
}

/// <summary>Parentheses as written, kept so that the formatter can keep them.</summary>
public sealed record ParenExpr(Expr Inner, SourceSpan Span) : Expr(Span)
{
    public override T Accept<T>(IExprVisitor<T> visitor) => visitor.VisitParen(this);
}

public sealed record UnaryExpr(UnaryOp Op, Expr Operand, SourceSpan OpSpan, SourceSpan Span) : Expr(Span)
{
    public override T Accept<T>(IExprVisitor<T> visitor) => visitor.VisitUnary(this);
}

public sealed record BinaryExpr(BinaryOp Op, Expr Left, Expr Right, SourceSpan OpSpan, SourceSpan Span) : Expr(Span)
{
    public override T Accept<T>(IExprVisitor<T> visitor) => visitor.VisitBinary(this);
}

/// <summary><c>Low to High</c>: an uncertain value whose 5th and 95th percentiles are Low and High.</summary>
public sealed record RangeExpr(Expr Low, Expr High, SourceSpan OpSpan, SourceSpan Span) : Expr(Span)
{
    public override T Accept<T>(IExprVisitor<T> visitor) => visitor.VisitRange(this);
}

public sealed record IfExpr(Expr Condition, Expr Then, Expr Else, SourceSpan Span) : Expr(Span)
{
    public override T Accept<T>(IExprVisitor<T> visitor) => visitor.VisitIf(this);
}

/// <summary><c>Value in Unit</c>: converts and checks the dimension.</summary>
public sealed record ConvertExpr(Expr Value, UnitSyntax Unit, SourceSpan Span) : Expr(Span)
{
    public override T Accept<T>(IExprVisitor<T> visitor) => visitor.VisitConvert(this);
}
