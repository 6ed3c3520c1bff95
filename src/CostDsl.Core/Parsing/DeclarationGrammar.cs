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

    // A query's 'from's after the first run per parse, so the parsers they name are built once, in
    // these fields (declared before their users: static fields initialise in order).
    private static readonly Parser<(string Value, SourceSpan Span)> StringToken = Tok(Lexical.String);

    private static readonly Parser<Token> LetName = Name("name of the let");

    private static readonly Parser<Token> FunctionName = Name("function name");

    private static readonly Parser<Token> UnitName = Name("unit name");

    private static readonly Parser<Token> OutputName = Name("output name");

    private static readonly Parser<Token> SweptName = Name("name to sweep");

    private static readonly Parser<Token> BlockName = Name("block name");

    private static readonly Parser<Token> ScenarioName = Name("scenario name");

    private static readonly Parser<SourceSpan> OpenBrace = Tok(Parse.Char('{')).Select(t => t.Span).Named("'{'");

    private static readonly Parser<IOption<(string Value, SourceSpan Span)>> OptionalMessage = StringToken.Optional();

    private static readonly Parser<Token> FieldNameToken = Tok(Lexical.FieldName).Select(t => new Token(t.Value, t.Span));

    /// <summary>'.name' repeated: the rest of a path after its first name.</summary>
    private static readonly Parser<List<Token>> PathRest = Repeat(Tok(Parse.Char('.')), _ => FieldNameToken);

    public static readonly Parser<Decl> Import =
        from kw in Keyword("import")
        from path in StringToken
        select (Decl)new ImportDecl(path.Value, path.Span, SourceSpan.Cover(kw, path.Span));

    public static readonly Parser<Decl> Let =
        from kw in Keyword("let")
        from name in LetName
        from assign in Assign
        from value in Expressions.ExprIn
        select (Decl)new LetDecl(name.Text, name.Span, value, SourceSpan.Cover(kw, value.Span));

    private static readonly Parser<(string Value, SourceSpan Span)> ParameterName = ExpressionGrammar.Nested.Tok(Lexical.Identifier).Named("parameter name");

    private static readonly Parser<List<(string Value, SourceSpan Span)>> MoreParameters = Repeat(ExpressionGrammar.Nested.Tok(Parse.Char(',')), _ => ParameterName);

    private static readonly Parser<(char Value, SourceSpan Span)> CloseParameters = ExpressionGrammar.Nested.Tok(Parse.Char(')')).Named("')'");

    private static readonly Parser<List<Parameter>> Parameters =
        ExpressionGrammar.Nested.Tok(Parse.Char(')')).Select(_ => new List<Parameter>()).Or(
            from first in ParameterName
            from rest in MoreParameters
            from close in CloseParameters
            select rest.Prepend(first).Select(p => new Parameter(p.Value, p.Span)).ToList());

    private static readonly Parser<List<Parameter>> ParameterList =
        from open in Tok(Parse.Char('('))
        from parameters in Parameters
        select parameters;

    public static readonly Parser<Decl> Fn =
        from kw in Keyword("fn")
        from name in FunctionName
        from parameters in ParameterList
        from assign in Assign
        from body in Expressions.ExprIn
        select (Decl)new FnDecl(name.Text, name.Span, [.. parameters], body, SourceSpan.Cover(kw, body.Span));

    private static readonly Parser<Expr?> UnitDefinition = Committed(Assign, _ => Expressions.Expr);

    public static readonly Parser<Decl> Unit =
        from kw in Keyword("unit")
        from name in UnitName
        from definition in UnitDefinition
        select (Decl)new UnitDecl(name.Text, name.Span, definition, SourceSpan.Cover(kw, definition?.Span ?? name.Span));

    private static readonly Parser<Expr?> OutputValue = Committed(Assign, _ => Expressions.ExprIn);

    private static readonly Parser<UnitSyntax> OutputUnit = Tok(ExpressionGrammar.UnitExpression).Select(u => u.Value);

    private static readonly Parser<UnitSyntax?> OutputInUnit = Committed(Keyword("in"), _ => OutputUnit);

    private static readonly Parser<UnitSyntax?> NoUnit = Parse.Return<UnitSyntax?>(null);

    public static readonly Parser<Decl> Output =
        from kw in Keyword("output")
        from name in OutputName
        from value in OutputValue
        from unit in value is null ? OutputInUnit : NoUnit
        select (Decl)new OutputDecl(name.Text, name.Span, value, unit, SourceSpan.Cover(kw, value?.Span ?? unit?.Span ?? name.Span));

    public static readonly Parser<Decl> Assert =
        from kw in Keyword("assert")
        from condition in Expressions.Expr
        from message in OptionalMessage
        select (Decl)new AssertDecl(
            condition,
            message.IsDefined ? message.Get().Value : null,
            SourceSpan.Cover(kw, message.IsDefined ? message.Get().Span : condition.Span));

    private static readonly Parser<SourceSpan> SweepIn = Keyword("in").Named("'in'");

    public static readonly Parser<Decl> Sweep =
        from kw in Keyword("sweep")
        from first in SweptName
        from rest in PathRest
        from inKeyword in SweepIn
        from values in Expressions.List
        let path = rest.Prepend(first).ToList()
        select (Decl)new SweepDecl([.. path.Select(p => p.Text)], SourceSpan.Cover(first.Span, path[^1].Span), values, SourceSpan.Cover(kw, values.Span));

    /// <summary>Any declaration but a block.</summary>
    public static readonly Parser<Decl> Statement =
        Import.Or(Let).Or(Fn).Or(Unit).Or(Output).Or(Assert).Or(Sweep).Named("declaration");

    /// <summary>
    /// The parser of the declaration that <paramref name="word"/> starts, or <see cref="Statement"/> for
    /// any other word. The same result as <see cref="Statement"/>: every other alternative fails at the
    /// keyword, where the chosen one has matched it and got further, so its result (or its error, the
    /// furthest) is what the alternation gives; but without trying and failing the others first, which
    /// was a fifth of what parsing an output allocated.
    /// </summary>
    public static Parser<Decl> StatementStartingWith(ReadOnlySpan<char> word) => word switch
    {
        "import" => Import,
        "let" => Let,
        "fn" => Fn,
        "unit" => Unit,
        "output" => Output,
        "assert" => Assert,
        "sweep" => Sweep,
        _ => Statement,
    };

    /// <summary>The head of a block, up to and including its '{'.</summary>
    private static readonly Parser<Token> BaseName = Name("name of the base block");

    private static readonly Parser<Token?> Extends = Committed(Keyword("extends"), _ => BaseName);

    public static readonly Parser<BlockHeader> BlockHeader =
        from kind in Tok(Lexical.Keyword("hardware").Or(Lexical.Keyword("model")).Or(Lexical.Keyword("workload")))
        from name in BlockName
        from baseName in Extends
        from open in OpenBrace
        select new BlockHeader(
            kind.Value switch { "hardware" => BlockKind.Hardware, "model" => BlockKind.Model, _ => BlockKind.Workload },
            name,
            baseName,
            kind.Span,
            open);

    public static readonly Parser<FieldDecl> Field =
        from name in Tok(Lexical.FieldName).Select(t => new Token(t.Value, t.Span))
        from assign in Assign
        from value in Expressions.ExprIn
        select new FieldDecl(name.Text, name.Span, value, SourceSpan.Cover(name.Span, value.Span));

    /// <summary>The head of a scenario, up to and including its '{'.</summary>
    public static readonly Parser<BlockHeader> ScenarioHeader =
        from kind in Keyword("scenario")
        from name in ScenarioName
        from open in OpenBrace
        select new BlockHeader(null, name, null, kind, open);

    /// <summary>A setting of a scenario: <c>Block.field = expr</c> or <c>let = expr</c>.</summary>
    public static readonly Parser<ScenarioSetting> ScenarioSetting =
        from first in FieldNameToken
        from rest in PathRest
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
