using CostDsl.Text;
using Sprache;

namespace CostDsl.Parsing;

/// <summary>The few combinators Sprache lacks: spans, committed options, depth bounds, iterative chains.</summary>
internal static class Combinators
{
    /// <summary>Runs <paramref name="parser"/> and pairs its value with the span it covered.</summary>
    public static Parser<(T Value, SourceSpan Span)> Spanned<T>(this Parser<T> parser) => input =>
    {
        var result = parser(input);
        if (!result.WasSuccessful)
        {
            return Result.Failure<(T, SourceSpan)>(result.Remainder, result.Message, result.Expectations);
        }

        var file = ((SourceInput)input).File;
        var span = new SourceSpan(file, input.Position, result.Remainder.Position - input.Position, input.Line, input.Column);
        return Result.Success((result.Value, span), result.Remainder);
    };

    /// <summary>
    /// <c>from a in first from b in second select combine(a, b)</c>, for a <paramref name="second"/>
    /// that does not depend on <c>a</c>: the same results and failures (a failure keeps its remainder,
    /// message and expectations), without the combinator and closures Sprache's SelectMany builds per
    /// parse. The expression grammar runs one of these at every precedence level of every expression.
    /// </summary>
    public static Parser<TResult> Sequence<T1, T2, TResult>(this Parser<T1> first, Parser<T2> second, Func<T1, T2, TResult> combine) => input =>
    {
        var a = first(input);
        if (!a.WasSuccessful)
        {
            return Result.Failure<TResult>(a.Remainder, a.Message, a.Expectations);
        }

        var b = second(a.Remainder);
        return b.WasSuccessful
            ? Result.Success(combine(a.Value, b.Value), b.Remainder)
            : Result.Failure<TResult>(b.Remainder, b.Message, b.Expectations);
    };

    /// <summary>Sprache's <c>Select</c> (the same results and failures) without a combinator built per parse.</summary>
    public static Parser<TResult> Map<T, TResult>(this Parser<T> parser, Func<T, TResult> convert) => input =>
    {
        var result = parser(input);
        return result.WasSuccessful
            ? Result.Success(convert(result.Value), result.Remainder)
            : Result.Failure<TResult>(result.Remainder, result.Message, result.Expectations);
    };

    /// <summary>
    /// Once <paramref name="lead"/> matches, <paramref name="rest"/> must match too: a keyword or an
    /// operator commits the parse, so an error is reported where it is, not swallowed by backtracking.
    /// Yields null when <paramref name="lead"/> does not match.
    /// </summary>
    public static Parser<T?> Committed<TLead, T>(Parser<TLead> lead, Func<TLead, Parser<T>> rest)
        where T : class => input =>
    {
        var head = lead(input);
        if (!head.WasSuccessful)
        {
            return Result.Success<T?>(null, input);
        }

        var tail = rest(head.Value)(head.Remainder);
        return tail.WasSuccessful
            ? Result.Success<T?>(tail.Value, tail.Remainder)
            : Result.Failure<T?>(tail.Remainder, tail.Message, tail.Expectations);
    };

    /// <summary>
    /// operand (op operand)*, folded left in a loop rather than by recursion, so that a sum of
    /// twenty thousand terms parses in constant stack.
    /// </summary>
    public static Parser<TNode> ChainLeft<TOp, TNode>(Parser<TNode> operand, Parser<TOp> op, Func<TNode, TOp, TNode, TNode> combine) => input =>
    {
        var first = operand(input);
        if (!first.WasSuccessful)
        {
            return first;
        }

        var accumulated = first.Value;
        var rest = first.Remainder;
        while (true)
        {
            var opResult = op(rest);
            if (!opResult.WasSuccessful)
            {
                return Result.Success(accumulated, rest);
            }

            var next = operand(opResult.Remainder);
            if (!next.WasSuccessful)
            {
                return next;
            }

            accumulated = combine(accumulated, opResult.Value, next.Value);
            rest = next.Remainder;
        }
    };

    /// <summary>
    /// (lead rest)* in a loop: each time <paramref name="lead"/> matches, <paramref name="rest"/> must
    /// match too, so <c>a.</c> with no member is an error at the dot rather than a silent stop.
    /// </summary>
    public static Parser<List<T>> Repeat<TLead, T>(Parser<TLead> lead, Func<TLead, Parser<T>> rest) => input =>
    {
        var items = new List<T>();
        var remainder = input;
        while (true)
        {
            var head = lead(remainder);
            if (!head.WasSuccessful)
            {
                return Result.Success(items, remainder);
            }

            var tail = rest(head.Value)(head.Remainder);
            if (!tail.WasSuccessful)
            {
                return Result.Failure<List<T>>(tail.Remainder, tail.Message, tail.Expectations);
            }

            items.Add(tail.Value);
            remainder = tail.Remainder;
        }
    };

    /// <summary>
    /// Counts one level of nesting against the parse's budget; past the limit the parse fails here
    /// and the budget remembers where, so the caller can report a clear diagnostic.
    /// </summary>
    public static Parser<T> Deeper<T>(Func<Parser<T>> parser) => input =>
    {
        var budget = ((SourceInput)input).Budget;
        if (budget.Depth >= budget.MaxDepth)
        {
            budget.ExceededAt ??= input.Position;
            return Result.Failure<T>(input, "nesting too deep", ["less nesting"]);
        }

        budget.Depth++;
        try
        {
            return parser()(input);
        }
        finally
        {
            budget.Depth--;
        }
    };
}
