using System.Collections.Immutable;
using CostDsl.Syntax;
using CostDsl.Text;
using Sprache;
using static CostDsl.Parsing.Combinators;

namespace CostDsl.Parsing;

/// <summary>
/// The declarations of grammar/language.md, one parser each. A declaration parser stops at the end of its
/// statement; <see cref="Parser"/> checks what follows and recovers from errors between them.
/// Blocks are parsed a field at a time by <see cref="Parser"/>, so one bad field does not lose the block.
/// </summary>
internal static class DeclarationGrammar
{
    private static readonly ExpressionGrammar Expressions = ExpressionGrammar.Line;

    private static Parser<(T Value, SourceSpan Span)> Tok<T>(Parser<T> token) => Expressions.Tok(token);

    private static Parser<Token> Name(string what) =>
        Tok(Lexical.Identifier).Select(t => new Token(t.Value, t.Span)).Named(what);

    private static Parser<SourceSpan> Keyword(string keyword) => Tok(Lexical.Keyword(keyword)).Select(t => t.Span);

    /// <summary>'=' that is not '==', with line breaks allowed after it.</summary>
    private static readonly Parser<SourceSpan> Assign =
        from token in Tok(Parse.Char('=').Then(_ => Parse.Not(Parse.Char('=')).Return('='))).Named("'='")
        from after in Lexical.AnyTrivia
        select token.Span;

    public static readonly Parser<Decl> Import =
        from kw in Keyword("import")
        from path in Tok(Lexical.String)
        select (Decl)new ImportDecl(path.Value, path.Span, SourceSpan.Cover(kw, path.Span));

    public static readonly Parser<Decl> Let =
        from kw in Keyword("let")
        from name in Name("name of the let")
        from assign in Assign
        from value in Expressions.ExprIn
        select (Decl)new LetDecl(name.Text, name.Span, value, SourceSpan.Cover(kw, value.Span));

    private static readonly Parser<List<Parameter>> ParameterList =
        from open in Tok(Parse.Char('('))
        from parameters in ExpressionGrammar.Nested.Tok(Parse.Char(')')).Select(_ => new List<Parameter>()).Or(
            from first in ExpressionGrammar.Nested.Tok(Lexical.Identifier).Named("parameter name")
            from rest in Repeat(ExpressionGrammar.Nested.Tok(Parse.Char(',')), _ => ExpressionGrammar.Nested.Tok(Lexical.Identifier).Named("parameter name"))
            from close in ExpressionGrammar.Nested.Tok(Parse.Char(')')).Named("')'")
            select rest.Prepend(first).Select(p => new Parameter(p.Value, p.Span)).ToList())
        select parameters;

    public static readonly Parser<Decl> Fn =
        from kw in Keyword("fn")
        from name in Name("function name")
        from parameters in ParameterList
        from assign in Assign
        from body in Expressions.ExprIn
        select (Decl)new FnDecl(name.Text, name.Span, [.. parameters], body, SourceSpan.Cover(kw, body.Span));

    public static readonly Parser<Decl> Unit =
        from kw in Keyword("unit")
        from name in Name("unit name")
        from definition in Committed(Assign, _ => Expressions.Expr)
        select (Decl)new UnitDecl(name.Text, name.Span, definition, SourceSpan.Cover(kw, definition?.Span ?? name.Span));

    public static readonly Parser<Decl> Output =
        from kw in Keyword("output")
        from name in Name("output name")
        from value in Committed(Assign, _ => Expressions.ExprIn)
        from unit in value is null
            ? Committed(Keyword("in"), _ => Tok(ExpressionGrammar.UnitExpression).Select(u => u.Value))
            : Parse.Return<UnitSyntax?>(null)
        select (Decl)new OutputDecl(name.Text, name.Span, value, unit, SourceSpan.Cover(kw, value?.Span ?? unit?.Span ?? name.Span));

    public static readonly Parser<Decl> Assert =
        from kw in Keyword("assert")
        from condition in Expressions.Expr
        from message in Tok(Lexical.String).Optional()
        select (Decl)new AssertDecl(
            condition,
            message.IsDefined ? message.Get().Value : null,
            SourceSpan.Cover(kw, message.IsDefined ? message.Get().Span : condition.Span));

    public static readonly Parser<Decl> Sweep =
        from kw in Keyword("sweep")
        from first in Name("name to sweep")
        from rest in Repeat(Tok(Parse.Char('.')), _ => Tok(Lexical.FieldName).Select(t => new Token(t.Value, t.Span)))
        from inKeyword in Keyword("in").Named("'in'")
        from values in Expressions.List
        let path = rest.Prepend(first).ToList()
        select (Decl)new SweepDecl([.. path.Select(p => p.Text)], SourceSpan.Cover(first.Span, path[^1].Span), values, SourceSpan.Cover(kw, values.Span));

    /// <summary>Any declaration but a block.</summary>
    public static readonly Parser<Decl> Statement =
        Import.Or(Let).Or(Fn).Or(Unit).Or(Output).Or(Assert).Or(Sweep).Named("declaration");

    /// <summary>The head of a block, up to and including its '{'.</summary>
    public static readonly Parser<BlockHeader> BlockHeader =
        from kind in Tok(Lexical.Keyword("hardware").Or(Lexical.Keyword("model")).Or(Lexical.Keyword("workload")))
        from name in Name("block name")
        from baseName in Committed(Keyword("extends"), _ => Name("name of the base block"))
        from open in Tok(Parse.Char('{')).Named("'{'")
        select new BlockHeader(
            kind.Value switch { "hardware" => BlockKind.Hardware, "model" => BlockKind.Model, _ => BlockKind.Workload },
            name,
            baseName,
            kind.Span,
            open.Span);

    public static readonly Parser<FieldDecl> Field =
        from name in Tok(Lexical.FieldName).Select(t => new Token(t.Value, t.Span))
        from assign in Assign
        from value in Expressions.ExprIn
        select new FieldDecl(name.Text, name.Span, value, SourceSpan.Cover(name.Span, value.Span));

    /// <summary>The head of a scenario, up to and including its '{'.</summary>
    public static readonly Parser<BlockHeader> ScenarioHeader =
        from kind in Keyword("scenario")
        from name in Name("scenario name")
        from open in Tok(Parse.Char('{')).Named("'{'")
        select new BlockHeader(null, name, null, kind, open.Span);

    /// <summary>A setting of a scenario: <c>Block.field = expr</c> or <c>let = expr</c>.</summary>
    public static readonly Parser<ScenarioSetting> ScenarioSetting =
        from first in Tok(Lexical.FieldName).Select(t => new Token(t.Value, t.Span))
        from rest in Repeat(Tok(Parse.Char('.')), _ => Tok(Lexical.FieldName).Select(t => new Token(t.Value, t.Span)))
        from assign in Assign
        from value in Expressions.ExprIn
        let path = rest.Prepend(first).ToList()
        select new ScenarioSetting([.. path.Select(p => p.Text)], SourceSpan.Cover(first.Span, path[^1].Span), value, SourceSpan.Cover(first.Span, value.Span));

    /// <summary>A lone expression, as given to <c>--set PATH=EXPR</c>.</summary>
    public static readonly Parser<Expr> Expression = ExpressionGrammar.Nested.ExprIn;
}

/// <summary>The head of a block or scenario: its kind (none for a scenario), name, base and the opening brace.</summary>
internal sealed record BlockHeader(BlockKind? Kind, Token Name, Token? Base, SourceSpan KindSpan, SourceSpan OpenBrace)
{
    public string Describe() => $"{Kind?.ToString().ToLowerInvariant() ?? "scenario"} {Name.Text}";
}
