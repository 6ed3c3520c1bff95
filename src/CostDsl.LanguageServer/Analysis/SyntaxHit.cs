using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.LanguageServer.Analysis;

/// <summary>
/// What is under the cursor, with where it stands: inside a block (a bare name there is the block's
/// own field) and inside a function (a name may be a parameter).
/// </summary>
public abstract record SyntaxHit(SourceSpan Span)
{
    public BlockDecl? Block { get; init; }

    public FnDecl? Function { get; init; }
}

/// <summary>A name in an expression: a let, block, unit, parameter or the block's own field.</summary>
public sealed record NameHit(NameExpr Name) : SyntaxHit(Name.Span);

/// <summary>The field part of <c>Block.field</c>.</summary>
public sealed record MemberHit(MemberExpr Member) : SyntaxHit(Member.MemberSpan);

/// <summary>The name of a called function.</summary>
public sealed record CallHit(CallExpr Call) : SyntaxHit(Call.CalleeSpan);

/// <summary>One unit name in a unit: <c>TFLOP</c> in <c>19.5 TFLOP/s</c>.</summary>
public sealed record UnitHit(UnitFactor Factor) : SyntaxHit(Factor.Span);

/// <summary>The name in a declaration: <c>let NAME</c>, <c>output NAME</c>, <c>fn NAME</c>, <c>unit NAME</c>, <c>hardware NAME</c>.</summary>
public sealed record DeclarationHit(Decl Declaration, string Name, SourceSpan NameSpan) : SyntaxHit(NameSpan);

/// <summary>A field's name where a block declares it.</summary>
public sealed record FieldHit(BlockDecl Owner, FieldDecl Field) : SyntaxHit(Field.NameSpan);

/// <summary>The block named after <c>extends</c>.</summary>
public sealed record BaseHit(BlockDecl Owner, string Base, SourceSpan BaseSpan) : SyntaxHit(BaseSpan);

/// <summary>The path of an import.</summary>
public sealed record ImportHit(ImportDecl Import) : SyntaxHit(Import.PathSpan);

/// <summary>A parameter where a function declares it.</summary>
public sealed record ParameterHit(FnDecl Owner, Parameter Parameter) : SyntaxHit(Parameter.Span);
