using System.Collections.Immutable;
using CostDsl.Text;

namespace CostDsl.Syntax;

public abstract record Decl(SourceSpan Span);

public sealed record ImportDecl(string Path, SourceSpan PathSpan, SourceSpan Span) : Decl(Span);

public enum BlockKind
{
    Hardware,
    Model,
    Workload,
}

public sealed record FieldDecl(string Name, SourceSpan NameSpan, Expr Value, SourceSpan Span) : Decl(Span);

public sealed record BlockDecl(
    BlockKind Kind,
    string Name,
    SourceSpan NameSpan,
    string? Base,
    SourceSpan? BaseSpan,
    ImmutableArray<FieldDecl> Fields,
    SourceSpan Span) : Decl(Span)
{
    public bool Equals(BlockDecl? other) =>
        other is not null && Kind == other.Kind && Name == other.Name && Base == other.Base
        && Span.Equals(other.Span) && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode() => HashCode.Combine(Name, Span);
}

public sealed record LetDecl(string Name, SourceSpan NameSpan, Expr Value, SourceSpan Span) : Decl(Span);

public sealed record Parameter(string Name, SourceSpan Span);

public sealed record FnDecl(string Name, SourceSpan NameSpan, ImmutableArray<Parameter> Parameters, Expr Body, SourceSpan Span) : Decl(Span)
{
    public bool Equals(FnDecl? other) =>
        other is not null && Name == other.Name && Span.Equals(other.Span)
        && Parameters.SequenceEqual(other.Parameters) && Body.Equals(other.Body);

    public override int GetHashCode() => HashCode.Combine(Name, Span);
}

/// <summary><c>unit NAME</c> (a new base dimension) or <c>unit NAME = expr</c> (a derived unit).</summary>
public sealed record UnitDecl(string Name, SourceSpan NameSpan, Expr? Definition, SourceSpan Span) : Decl(Span);

/// <summary><c>output NAME = expr [in U]</c>, or <c>output NAME [in U]</c> naming a let.</summary>
public sealed record OutputDecl(string Name, SourceSpan NameSpan, Expr? Value, UnitSyntax? Unit, SourceSpan Span) : Decl(Span);

public sealed record AssertDecl(Expr Condition, string? Message, SourceSpan Span) : Decl(Span);

/// <summary>One setting of a scenario: <c>PATH = expr</c>, where PATH is a let or Block.field.</summary>
public sealed record ScenarioSetting(ImmutableArray<string> Path, SourceSpan PathSpan, Expr Value, SourceSpan Span)
{
    public string PathText => string.Join('.', Path);

    public bool Equals(ScenarioSetting? other) =>
        other is not null && Span.Equals(other.Span) && Path.SequenceEqual(other.Path) && Value.Equals(other.Value);

    public override int GetHashCode() => Span.GetHashCode();
}

/// <summary><c>scenario NAME { PATH = expr ... }</c>: overrides of the base spec, applied with <c>--scenario NAME</c>.</summary>
public sealed record ScenarioDecl(string Name, SourceSpan NameSpan, ImmutableArray<ScenarioSetting> Settings, SourceSpan Span) : Decl(Span)
{
    public bool Equals(ScenarioDecl? other) =>
        other is not null && Name == other.Name && Span.Equals(other.Span) && Settings.SequenceEqual(other.Settings);

    public override int GetHashCode() => HashCode.Combine(Name, Span);
}

/// <summary><c>sweep PATH in [v1, v2, ...]</c>; PATH is a let or Block.field.</summary>
public sealed record SweepDecl(ImmutableArray<string> Path, SourceSpan PathSpan, ListExpr Values, SourceSpan Span) : Decl(Span)
{
    public string PathText => string.Join('.', Path);

    public bool Equals(SweepDecl? other) =>
        other is not null && Span.Equals(other.Span) && Path.SequenceEqual(other.Path) && Values.Equals(other.Values);

    public override int GetHashCode() => Span.GetHashCode();
}
