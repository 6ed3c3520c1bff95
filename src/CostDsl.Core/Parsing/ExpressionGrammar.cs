using System.Collections.Immutable;
using CostDsl.Syntax;
using CostDsl.Text;
using Sprache;
using static CostDsl.Parsing.Combinators;

namespace CostDsl.Parsing;

/// <summary>
/// The expression grammar, one parser per precedence level of grammar/language.md (lowest first: if, or,
/// and, not, comparison, to, + -, * /, unary -, ^, number-with-unit, postfix).
/// Two instances exist: <see cref="Line"/>, where a line break ends the expression, and
/// <see cref="Nested"/>, used inside ( ) and [ ], where line breaks are white space.
/// An operator that ends a line always lets the expression go on.
/// </summary>
internal sealed class ExpressionGrammar
{
    /// <summary>
    /// A unit expression: names joined by '/' (no spaces around it, so that <c>80 GB / n</c> stays a
    /// division) or by a space (<c>kW h</c>), each raised by an optional integer power.
    /// </summary>
    // Declared first: static fields initialise in order, and both grammars below use it.
    public static readonly Parser<UnitSyntax> UnitExpression = BuildUnitExpression();

    // These three before the grammars, whose constructors use them (static fields initialise in order).
    private static readonly string[] OpenParenExpected = ["'('"];

    /// <summary>
    /// Spaces and tabs, then a unit; or nothing, at the input itself (as <c>(spaces then unit).Optional()</c>
    /// gives), without trying the unit grammar after a number that no unit follows.
    /// </summary>
    private static readonly Parser<UnitSyntax?> UnitAfterSpaces = input =>
    {
        var start = Lexical.AfterSpaces(input);
        if (start.AtEnd || !(char.IsLetter(start.Current) || start.Current is '_' or '1'))
        {
            // Neither a name nor the '1' of '1/s' starts here: the unit grammar would fail.
            return Result.Success<UnitSyntax?>(null, input);
        }

        var unit = UnitExpression(start);
        return unit.WasSuccessful ? Result.Success<UnitSyntax?>(unit.Value, unit.Remainder) : Result.Success<UnitSyntax?>(null, input);
    };

    /// <summary>Spaces and tabs, then '(': how a call follows its function's name. Its failure is never reported (it leads a committed parse).</summary>
    private static readonly Parser<char> OpenParenAfterSpaces = input =>
    {
        var start = Lexical.AfterSpaces(input);
        return !start.AtEnd && start.Current == '('
            ? Result.Success('(', ((SourceInput)start).Moved(start.Position + 1, start.Line, start.Column + 1))
            : Result.Failure<char>(start, "expected '('", OpenParenExpected);
    };

    public static readonly ExpressionGrammar Nested = new(lineBreaks: true, inner: null);
    public static readonly ExpressionGrammar Line = new(lineBreaks: false, Nested);

    // Whether line breaks are trivia here (Nested) or end the expression (Line).
    private readonly bool lineBreaks;

    private ExpressionGrammar(bool lineBreaks, ExpressionGrammar? inner)
    {
        this.lineBreaks = lineBreaks;
        var nested = inner ?? this;

        // In a query, every 'from' after the first is evaluated per parse (it becomes a SelectMany
        // lambda), so parsers used there are built once here: building them per number, name or
        // operator was most of what parsing a declaration cost.
        var closeParen = nested.Tok(Parse.Char(')')).Named("')'");
        var comma = nested.Tok(Parse.Char(','));

        var number = Tok(Lexical.Number).Map(token => new NumberExpr(token.Value.Value, token.Value.Text, token.Value.IsPercent, token.Span));

        // Level 11: a number, optionally followed on the same line by a unit.
        var noUnit = Parse.Return<UnitSyntax?>(null);
        var unitAfterSpaces = UnitAfterSpaces;
        Parser<Expr> quantity = input =>
        {
            var literal = number(input);
            if (!literal.WasSuccessful)
            {
                return Result.Failure<Expr>(literal.Remainder, literal.Message, literal.Expectations);
            }

            var unit = (literal.Value.IsPercent ? noUnit : unitAfterSpaces)(literal.Remainder);
            if (!unit.WasSuccessful)
            {
                return Result.Failure<Expr>(unit.Remainder, unit.Message, unit.Expectations);
            }

            return Result.Success(unit.Value is { } u ? new QuantityExpr(literal.Value, u, SourceSpan.Cover(literal.Value.Span, u.Span)) : (Expr)literal.Value, unit.Remainder);
        };

        var colon = nested.Tok(Parse.Char(':'));
        var argumentValue = Deeper(() => nested.ExprIn);
        var arguments = SeparatedBy(
            from name in (from n in nested.Tok(Lexical.Identifier) from c in colon select n).Optional()
            from value in argumentValue
            select new Argument(name.IsDefined ? name.Get().Value : null, value, name.IsDefined ? SourceSpan.Cover(name.Get().Span, value.Span) : value.Span),
            comma);

        var here = Parse.Return(0).Spanned();
        var callTail =
            from args in nested.Tok(Parse.Char(')')).Select(_ => new List<Argument>()).Or(
                from list in arguments
                from close in closeParen
                select list)
            from end in here
            select (Args: args, End: end.Span);

        var boxedCallTail = callTail.Select(t => new Box<(List<Argument>, SourceSpan)>(t));
        var callAfterName = Committed(OpenParenAfterSpaces, _ => boxedCallTail);
        var nameOrCall =
            from name in Tok(Lexical.Identifier)
            from call in callAfterName
            select call is null
                ? (Expr)new NameExpr(name.Value, name.Span)
                : new CallExpr(name.Value, name.Span, [.. call.Value.Item1], SourceSpan.Cover(name.Span, call.Value.Item2));

        var nestedExpr = Deeper(() => nested.Expr);
        var paren =
            from open in Tok(Parse.Char('('))
            from inner2 in nestedExpr
            from close in closeParen
            select (Expr)new ParenExpr(inner2, SourceSpan.Cover(open.Span, close.Span));

        var closeBracket = nested.Tok(Parse.Char(']')).Named("']'");
        var listItems = nested.Tok(Parse.Char(']')).Select(close => (Items: new List<Expr>(), Close: close.Span)).Or(
            from list in SeparatedBy(nestedExpr, comma)
            from close in closeBracket
            select (Items: list, Close: close.Span));
        List = (
            from open in Tok(Parse.Char('['))
            from items in listItems
            select new ListExpr([.. items.Items], SourceSpan.Cover(open.Span, items.Close))).Named("list");

        var primary = nameOrCall.Or(paren).Or(List.Select(l => (Expr)l));

        // Level 12: member access after a primary.
        var member = Tok(Lexical.FieldName);
        // Lexical.Symbol rather than Parse.Char: a failed attempt (after nearly every primary) formats no message.
        var memberChain = Repeat(Tok(Lexical.Symbol(".")), _ => member);
        var postfix = primary.Sequence(memberChain, (target, members) => members.Aggregate(target, (t, m) => new MemberExpr(t, m.Value, m.Span, SourceSpan.Cover(t.Span, m.Span))));

        var atom = quantity.Or(postfix).Named("expression");

        // Level 10: '^', right-associative; its exponent may carry a sign (2^-1).
        var signs = Op("-", UnaryOp.Negate).Many();
        var signedAtom = signs.Sequence(atom, Prefix);
        var exponents = Repeat(Op("^", BinaryOp.Power), op => signedAtom.Select(e => (op, e)));
        var power = atom.Sequence(exponents, FoldRight);

        // Level 9: unary minus.
        var unary = signs.Sequence(power, Prefix);

        var multiplicative = ChainLeft(unary, Ops(("*", BinaryOp.Multiply), ("/", BinaryOp.Divide)), Binary);
        var additive = ChainLeft(multiplicative, Ops(("+", BinaryOp.Add), ("-", BinaryOp.Subtract)), Binary);

        // Level 6: 'a to b', an uncertain value.
        var upper = Committed(KeywordOp("to"), op => additive.Select(h => new Box<(SourceSpan, Expr)>((op, h))));
        var range = additive.Sequence(upper, (low, high) => high is null ? low : new RangeExpr(low, high.Value.Item2, high.Value.Item1, SourceSpan.Cover(low.Span, high.Value.Item2.Span)));

        var comparisonOp =
            Ops(("<=", BinaryOp.LessOrEqual), (">=", BinaryOp.GreaterOrEqual), ("==", BinaryOp.Equal), ("!=", BinaryOp.NotEqual), ("<", BinaryOp.Less), (">", BinaryOp.Greater));

        var compared = Committed(comparisonOp, op => range.Select(r => new Box<((BinaryOp, SourceSpan), Expr)>((op, r))));
        var comparison = NoChaining(
            range.Sequence(compared, (left, right) => right is null ? left : Binary(left, right.Value.Item1, right.Value.Item2)),
            comparisonOp);

        var negation = KeywordOp("not").Map(span => (UnaryOp.Not, span)).Many().Sequence(comparison, Prefix);

        var conjunction = ChainLeft(negation, KeywordOp("and").Map(span => (BinaryOp.And, span)), Binary);
        var disjunction = ChainLeft(conjunction, KeywordOp("or").Map(span => (BinaryOp.Or, span)), Binary);

        var thenKeyword = KeywordOp("then");
        var elseKeyword = KeywordOp("else");
        var branch = Deeper(() => Expr!);
        var conditional =
            from ifSpan in KeywordOp("if")
            from condition in disjunction
            from thenSpan in thenKeyword
            from whenTrue in branch
            from elseSpan in elseKeyword
            from whenFalse in branch
            select (Expr)new IfExpr(condition, whenTrue, whenFalse, SourceSpan.Cover(ifSpan, whenFalse.Span));

        Expr = conditional.Or(disjunction).Named("expression");

        var targetUnit = Tok(UnitExpression).Select(u => u.Value);
        var conversion = Committed(KeywordOp("in"), _ => targetUnit);
        ExprIn = Expr.Sequence(conversion, (value, unit) => unit is null ? value : new ConvertExpr(value, unit, SourceSpan.Cover(value.Span, unit.Span)));
    }

    /// <summary>A whole expression, without a trailing <c>in UNIT</c>.</summary>
    public Parser<Expr> Expr { get; }

    /// <summary>An expression that may end in <c>in UNIT</c>: allowed for lets, fields, outputs and arguments.</summary>
    public Parser<Expr> ExprIn { get; }

    public Parser<ListExpr> List { get; }

    /// <summary>A token of this grammar: leading trivia skipped, the token's span recorded.</summary>
    /// <remarks>
    /// Tokens, operators and keywords are tried at every precedence level of every expression, so
    /// these three are written by hand: as queries each attempt allocated a combinator and closures
    /// (Sprache's SelectMany builds its projection per parse). Trivia always succeeds; a failure
    /// carries the token's remainder, message and expectations, as the query's did.
    /// </remarks>
    public Parser<(T Value, SourceSpan Span)> Tok<T>(Parser<T> token)
    {
        var skip = lineBreaks;
        return input =>
        {
            var start = Lexical.After(input, skip);
            var result = token(start);
            if (!result.WasSuccessful)
            {
                return Result.Failure<(T, SourceSpan)>(result.Remainder, result.Message, result.Expectations);
            }

            var span = new SourceSpan(((SourceInput)start).File, start.Position, result.Remainder.Position - start.Position, start.Line, start.Column);
            return Result.Success((result.Value, span), result.Remainder);
        };
    }

    /// <summary>An operator: like a token, but a line break after it lets the expression go on.</summary>
    /// <remarks>
    /// Every precedence level tries its operators after every operand, and nearly every attempt fails:
    /// matched here in place, a failure is one result (the one <c>Tok(Lexical.Symbol(symbol))</c> would
    /// give: at the token's start, with its message and expectation) instead of four.
    /// </remarks>
    private Parser<(TOp Op, SourceSpan Span)> Op<TOp>(string symbol, TOp op)
    {
        var expected = new[] { $"'{symbol}'" };
        var message = $"expected '{symbol}'";
        var skip = lineBreaks;
        return input =>
        {
            var start = Lexical.After(input, skip);
            if (!Lexical.IsSymbolAt(start.Source, start.Position, symbol))
            {
                return Result.Failure<(TOp, SourceSpan)>(start, message, expected);
            }

            var span = new SourceSpan(((SourceInput)start).File, start.Position, symbol.Length, start.Line, start.Column);
            var end = ((SourceInput)start).Moved(start.Position + symbol.Length, start.Line, start.Column + symbol.Length);
            return Result.Success((op, span), Lexical.After(end, lineBreaks: true));
        };
    }

    /// <summary>
    /// The first of several operators written at the input: what <c>Op(a).Or(Op(b))...</c> gives (the
    /// same operator in the same order of trial; a failure at the token's start with the first's message
    /// and every expectation), in one result instead of two per operator tried.
    /// </summary>
    private Parser<(TOp Op, SourceSpan Span)> Ops<TOp>(params (string Symbol, TOp Op)[] operators)
    {
        var alternatives = operators.Select(o => Op(o.Symbol, o.Op)).ToArray();
        var expected = operators.Select(o => $"'{o.Symbol}'").ToArray();
        var message = $"expected '{operators[0].Symbol}'";
        var skip = lineBreaks;
        return input =>
        {
            var start = Lexical.After(input, skip);
            for (var i = 0; i < operators.Length; i++)
            {
                if (Lexical.IsSymbolAt(start.Source, start.Position, operators[i].Symbol))
                {
                    return alternatives[i](start);
                }
            }

            return Result.Failure<(TOp, SourceSpan)>(start, message, expected);
        };
    }

    /// <summary>A keyword operator (<c>and</c>, <c>to</c>, <c>if</c>): like <see cref="Op{TOp}"/>, matched in place, as a whole word.</summary>
    private Parser<SourceSpan> KeywordOp(string keyword)
    {
        var expected = new[] { $"'{keyword}'" };
        var message = $"expected '{keyword}'";
        var skip = lineBreaks;
        return input =>
        {
            var start = Lexical.After(input, skip);
            if (!Lexical.IsKeywordAt(start.Source, start.Position, keyword))
            {
                return Result.Failure<SourceSpan>(start, message, expected);
            }

            var span = new SourceSpan(((SourceInput)start).File, start.Position, keyword.Length, start.Line, start.Column);
            var end = ((SourceInput)start).Moved(start.Position + keyword.Length, start.Line, start.Column + keyword.Length);
            return Result.Success(span, Lexical.After(end, lineBreaks: true));
        };
    }



    /// <summary>A unit's power has at most three digits (s^999): larger ones would overflow the dimension's exponents.</summary>
    private const int MaxUnitPowerDigits = 3;

    private static Parser<UnitSyntax> BuildUnitExpression()
    {
        var minus = Parse.Char('-').Optional();
        var powerDigits = Lexical.AsciiDigit.AtLeastOnce().Text().Where(d => d.Length <= MaxUnitPowerDigits).Named("a unit power of at most three digits");
        var power =
            from caret in Parse.Char('^')
            from sign in minus
            from digits in powerDigits
            select (sign.IsDefined ? -1 : 1) * int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);

        var optionalPower = power.Spanned().Optional();
        var factor = Lexical.Identifier.Spanned().Sequence(optionalPower, (name, exponent) => new UnitFactor(
            name.Value,
            exponent.IsDefined ? exponent.Get().Value : 1,
            exponent.IsDefined ? SourceSpan.Cover(name.Span, exponent.Get().Span) : name.Span));

        var divided = from slash in Parse.Char('/') from f in factor select f with { Power = -f.Power };
        var juxtaposed = from space in Parse.Chars(' ', '\t').AtLeastOnce() from f in factor select f;

        // '1/s' is how a dimension with only divisors is written (Dimension.ToString, UnitSyntax.Text),
        // so that a unit in the JSON or in a message can be written back after 'in'.
        var reciprocal =
            from one in Parse.Char('1').Spanned()
            from f in divided
            select f with { Span = SourceSpan.Cover(one.Span, f.Span) };

        var moreFactors = divided.Or(juxtaposed).Many();
        return factor.Or(reciprocal).Sequence(moreFactors, (first, rest) =>
        {
            var factors = rest.Prepend(first).ToImmutableArray();
            return new UnitSyntax(factors, SourceSpan.Cover(first.Span, factors[^1].Span));
        }).Named("unit");
    }

    private static Parser<List<T>> SeparatedBy<T, TSep>(Parser<T> item, Parser<TSep> separator)
    {
        var more = Repeat(separator, _ => item);
        return from first in item
               from rest in more
               select rest.Prepend(first).ToList();
    }

    private static Expr Binary(Expr left, (BinaryOp Op, SourceSpan Span) op, Expr right) =>
        new BinaryExpr(op.Op, left, right, op.Span, SourceSpan.Cover(left.Span, right.Span));

    // Nearly every operand has no prefix operator: then nothing is reversed or folded.
    private static Expr Prefix(IEnumerable<(UnaryOp Op, SourceSpan Span)> operators, Expr operand) =>
        operators is ICollection<(UnaryOp, SourceSpan)> { Count: 0 } ? operand : operators.Reverse().Aggregate(operand, (e, op) => new UnaryExpr(op.Op, e, op.Span, SourceSpan.Cover(op.Span, e.Span)));

    private static Expr FoldRight(Expr first, List<((BinaryOp Op, SourceSpan Span) Op, Expr Operand)> rest)
    {
        if (rest.Count == 0)
        {
            return first;
        }

        var accumulated = rest[^1].Operand;
        for (var i = rest.Count - 1; i >= 0; i--)
        {
            var left = i == 0 ? first : rest[i - 1].Operand;
            accumulated = Binary(left, rest[i].Op, accumulated);
        }

        return accumulated;
    }

    /// <summary>Fails with a clear message where a second comparison follows the first: <c>a &lt; b &lt; c</c>.</summary>
    private static Parser<Expr> NoChaining(Parser<Expr> comparison, Parser<(BinaryOp Op, SourceSpan Span)> comparisonOp) => input =>
    {
        var result = comparison(input);
        if (!result.WasSuccessful || result.Value is not BinaryExpr { Op: var op } || !OperatorText.IsComparison(op))
        {
            return result;
        }

        var next = comparisonOp(result.Remainder);
        if (!next.WasSuccessful)
        {
            return result;
        }

        var at = ((SourceInput)result.Remainder).At(next.Value.Span.Start);
        return Result.Failure<Expr>(at, ChainedComparisonMessage, []);
    };

    public const string ChainedComparisonMessage = "comparisons do not chain: write (a < b) and (b < c)";
}

/// <summary>Wraps a value type so that it can travel through <see cref="Combinators.Committed{TLead,T}"/>.</summary>
internal sealed record Box<T>(T Value);
