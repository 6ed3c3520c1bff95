using System.Collections.Immutable;
using CostDsl.Diagnostics;
using CostDsl.Syntax;
using CostDsl.Text;
using Sprache;

namespace CostDsl.Parsing;

/// <summary>
/// Parses a file into a <see cref="SyntaxTree"/>. The grammar lives in <see cref="ExpressionGrammar"/>
/// and <see cref="DeclarationGrammar"/>; this class walks the file a statement at a time, so that
/// after an error it can resume at the next declaration (or the next block field) and report the rest.
/// </summary>
public static class Parser
{
    /// <summary>How deeply brackets and if-branches may nest; past it is a diagnostic, not a crash.</summary>
    public const int DefaultMaxDepth = 4000;

    public static SyntaxTree ParseFile(SourceFile file, DiagnosticBag diagnostics, int maxDepth = DefaultMaxDepth, CancellationToken cancellation = default)
    {
        var walker = new Walker(file, diagnostics, new ParseBudget(maxDepth), cancellation);
        return new SyntaxTree(file, walker.ParseDeclarations());
    }

    /// <summary>Parses a lone expression (the right side of <c>--set PATH=EXPR</c>); null after an error.</summary>
    public static Expr? ParseExpression(SourceFile file, DiagnosticBag diagnostics, int maxDepth = DefaultMaxDepth)
    {
        var walker = new Walker(file, diagnostics, new ParseBudget(maxDepth), default);
        return walker.ParseLoneExpression();
    }

    /// <summary>
    /// The file parsed by the grammar alone, without <see cref="LiteralStatement"/>'s scan of simple lines:
    /// the specification the scan is tested against.
    /// </summary>
    internal static SyntaxTree ParseFileWithGrammarOnly(SourceFile file, DiagnosticBag diagnostics) =>
        new(file, new Walker(file, diagnostics, new ParseBudget(DefaultMaxDepth), default, scanLiterals: false).ParseDeclarations());

    // scanLiterals: whether simple let, output and field lines are scanned by hand (LiteralStatement), as they
    // always are but in the test that holds the scan to the grammar.
    private sealed class Walker(SourceFile file, DiagnosticBag diagnostics, ParseBudget budget, CancellationToken cancellation, bool scanLiterals = true)
    {
        private readonly string text = file.Text;

        public ImmutableArray<Decl> ParseDeclarations()
        {
            var declarations = ImmutableArray.CreateBuilder<Decl>();
            var position = 0;
            while (true)
            {
                cancellation.ThrowIfCancellationRequested();
                position = SkipSeparators(position);
                if (position >= text.Length)
                {
                    return declarations.ToImmutable();
                }

                if (text[position] == '}')
                {
                    diagnostics.Error(Codes.SyntaxError, file.Span(position, 1), "unexpected '}' outside a block");
                    position++;
                    continue;
                }

                position = WordSpan(position) switch
                {
                    "hardware" or "model" or "workload" => ParseBlock(position, declarations),
                    "scenario" => ParseScenario(position, declarations),
                    _ => ParseStatement(position, declarations),
                };
            }
        }

        public Expr? ParseLoneExpression()
        {
            var result = DeclarationGrammar.Expression(Input(SkipSeparators(0)));
            if (!result.WasSuccessful)
            {
                Report(result);
                return null;
            }

            var end = SkipSeparators(result.Remainder.Position);
            if (end < text.Length)
            {
                diagnostics.Error(Codes.ExpectedEndOfLine, file.Span(end, 1), $"unexpected {Describe(end)} after the expression");
                return null;
            }

            return result.Value;
        }

        private int ParseStatement(int position, ImmutableArray<Decl>.Builder declarations)
        {
            if (scanLiterals && WordSpan(position) is "let" or "output"
                && LiteralStatement.TryScan(file, position, text[position] == 'l' ? LiteralStatement.Kind.Let : LiteralStatement.Kind.Output) is ({ } scanned, var end))
            {
                declarations.Add(scanned);
                return end;
            }

            var result = DeclarationGrammar.StatementStartingWith(WordSpan(position))(Input(position));
            if (!result.WasSuccessful)
            {
                Report(result);
                return NextDeclaration(position, result.Remainder.Position);
            }

            declarations.Add(result.Value);
            return EndOfStatement(result.Remainder.Position, allowBrace: false) ?? NextDeclaration(position, result.Remainder.Position);
        }

        private int ParseBlock(int position, ImmutableArray<Decl>.Builder declarations)
        {
            var (head, fields, end, next) = ParseBraced(position, DeclarationGrammar.BlockHeader, DeclarationGrammar.Field, ScanField);
            if (head is not null)
            {
                declarations.Add(new BlockDecl(
                    head.Kind!.Value,
                    head.Name.Text,
                    head.Name.Span,
                    head.Base?.Text,
                    head.Base?.Span,
                    fields,
                    SourceSpan.Cover(head.KindSpan, end ?? fields.LastOrDefault()?.Span ?? head.Name.Span)));
            }

            return next;
        }

        /// <summary>A simple field scanned by hand (<see cref="LiteralStatement"/>), or null for the grammar to parse.</summary>
        private (FieldDecl Item, int End)? ScanField(int position) =>
            scanLiterals && LiteralStatement.TryScan(file, position, LiteralStatement.Kind.Field) is ({ } field, var end) ? ((FieldDecl)field, end) : null;

        private int ParseScenario(int position, ImmutableArray<Decl>.Builder declarations)
        {
            var (head, settings, end, next) = ParseBraced(position, DeclarationGrammar.ScenarioHeader, DeclarationGrammar.ScenarioSetting);
            if (head is not null)
            {
                declarations.Add(new ScenarioDecl(head.Name.Text, head.Name.Span, settings, SourceSpan.Cover(head.KindSpan, end ?? settings.LastOrDefault()?.Span ?? head.Name.Span)));
            }

            return next;
        }

        /// <summary>
        /// A header ending in '{', then items one per line (or ';'), then '}'. A bad item is reported
        /// and skipped, so one mistake does not lose the rest; a missing '}' is reported at the '{'.
        /// </summary>
        private (BlockHeader? Head, ImmutableArray<TItem> Items, SourceSpan? Close, int Next) ParseBraced<TItem>(int position, Parser<BlockHeader> header, Parser<TItem> item, Func<int, (TItem Item, int End)?>? scan = null)
        {
            var parsedHeader = header(Input(position));
            if (!parsedHeader.WasSuccessful)
            {
                Report(parsedHeader);
                return (null, [], null, NextDeclaration(position, parsedHeader.Remainder.Position));
            }

            var head = parsedHeader.Value;
            var items = ImmutableArray.CreateBuilder<TItem>();
            position = parsedHeader.Remainder.Position;
            while (true)
            {
                position = SkipSeparators(position);
                if (position < text.Length && text[position] == '}')
                {
                    return (head, items.ToImmutable(), file.Span(position, 1), position + 1);
                }

                if (position >= text.Length || StartsDeclaration(position))
                {
                    diagnostics.Error(Codes.UnclosedBlock, head.OpenBrace, $"{head.Describe()} is not closed: '}}' expected");
                    return (head, items.ToImmutable(), null, position);
                }

                if (scan?.Invoke(position) is ({ } scanned, var scannedEnd))
                {
                    items.Add(scanned);
                    position = scannedEnd;
                    continue;
                }

                var parsed = item(Input(position));
                if (!parsed.WasSuccessful)
                {
                    Report(parsed);
                    position = NextField(parsed.Remainder.Position);
                    continue;
                }

                items.Add(parsed.Value);
                position = EndOfStatement(parsed.Remainder.Position, allowBrace: true) ?? NextField(parsed.Remainder.Position);
            }
        }

        /// <summary>After a statement: a line break, ';', the end of the file (or '}' in a block). Null after an error.</summary>
        private int? EndOfStatement(int position, bool allowBrace)
        {
            var after = Lexical.InlineTrivia(Input(position)).Remainder.Position;
            if (after >= text.Length || text[after] is '\n' or ';' || (allowBrace && text[after] == '}'))
            {
                return after;
            }

            diagnostics.Error(
                Codes.ExpectedEndOfLine,
                TokenSpan(after),
                $"unexpected {Describe(after)}: a statement ends at the end of its line (or at ';')");
            return null;
        }

        private void Report<T>(IResult<T> failure)
        {
            if (budget.ExceededAt is { } deep)
            {
                diagnostics.Error(Codes.TooDeep, file.Span(deep, 1), $"expression nested more than {budget.MaxDepth} levels deep");
                budget.ExceededAt = null;
                budget.Depth = 0;
                return;
            }

            var position = failure.Remainder.Position;
            if (failure.Message == ExpressionGrammar.ChainedComparisonMessage)
            {
                diagnostics.Error(Codes.ChainedComparison, TokenSpan(position), failure.Message);
                return;
            }

            var expected = failure.Expectations.Distinct().ToList();
            var message = expected.Count == 0
                ? $"unexpected {Describe(position)}"
                : $"unexpected {Describe(position)}; expected {JoinAlternatives(expected)}";
            diagnostics.Error(Codes.SyntaxError, TokenSpan(position), message);
        }

        private static string JoinAlternatives(List<string> items) =>
            items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];

        private string Describe(int position)
        {
            if (position >= text.Length)
            {
                return "end of file";
            }

            if (text[position] is '\n' or '\r')
            {
                return "end of line";
            }

            var word = WordAt(position);
            return word.Length > 0 ? $"'{word}'" : $"'{text[position]}'";
        }

        /// <summary>The span of the word or symbol at a position, for the caret.</summary>
        private SourceSpan TokenSpan(int position)
        {
            if (position >= text.Length)
            {
                return file.Span(text.Length, 0);
            }

            var length = Math.Max(1, WordSpan(position).Length);
            return file.Span(position, text[position] is '\n' or '\r' ? 0 : length);
        }

        private string WordAt(int position) => WordSpan(position).ToString();

        /// <summary>The word at a position, without a copy: every declaration's first word is looked at.</summary>
        private ReadOnlySpan<char> WordSpan(int position)
        {
            var end = position;
            while (end < text.Length && Lexical.IsIdentifierChar(text[end]))
            {
                end++;
            }

            return text.AsSpan(position, end - position);
        }

        /// <summary>Skips white space, line breaks, comments and ';'.</summary>
        private int SkipSeparators(int position)
        {
            while (position < text.Length)
            {
                var c = text[position];
                if (c is ' ' or '\t' or '\r' or '\n' or ';')
                {
                    position++;
                }
                else if (c == '#' || (c == '/' && position + 1 < text.Length && text[position + 1] == '/'))
                {
                    while (position < text.Length && text[position] != '\n')
                    {
                        position++;
                    }
                }
                else
                {
                    break;
                }
            }

            return position;
        }

        /// <summary>
        /// A declaration keyword that is not a field name: inside a block, <c>output = 10 token</c> is a
        /// field, while <c>output x = 1</c> means the block was never closed.
        /// </summary>
        private bool StartsDeclaration(int position)
        {
            var word = WordAt(position);
            if (!Lexical.DeclarationKeywords.Contains(word))
            {
                return false;
            }

            var next = position + word.Length;
            while (next < text.Length && text[next] is ' ' or '\t')
            {
                next++;
            }

            return next >= text.Length || text[next] != '=' || (next + 1 < text.Length && text[next + 1] == '=');
        }

        /// <summary>
        /// Error recovery: the next line that begins with a declaration keyword. The line of the error
        /// itself counts when the error is at its first word (a statement cut short by a line break).
        /// </summary>
        private int NextDeclaration(int statementStart, int position)
        {
            var lineStart = text.LastIndexOf('\n', Math.Max(0, Math.Min(position, text.Length) - 1)) + 1;
            var firstWord = lineStart;
            while (firstWord < text.Length && text[firstWord] is ' ' or '\t' or '\r')
            {
                firstWord++;
            }

            if (firstWord > statementStart && position <= firstWord && StartsDeclaration(firstWord))
            {
                return firstWord;
            }

            while (true)
            {
                var lineBreak = text.IndexOf('\n', Math.Min(position, text.Length));
                if (lineBreak < 0)
                {
                    return text.Length;
                }

                position = lineBreak + 1;
                var first = position;
                while (first < text.Length && text[first] is ' ' or '\t' or '\r')
                {
                    first++;
                }

                if (first >= text.Length || StartsDeclaration(first))
                {
                    return first;
                }
            }
        }

        /// <summary>Error recovery inside a block: the next ';' or line break outside brackets, or the closing '}'.</summary>
        private int NextField(int position)
        {
            var depth = 0;
            for (; position < text.Length; position++)
            {
                var c = text[position];
                if (c is '(' or '[')
                {
                    depth++;
                }
                else if (c is ')' or ']')
                {
                    depth = Math.Max(0, depth - 1);
                }
                else if (depth == 0 && c is ';' or '\n' or '}')
                {
                    return c == '}' ? position : position + 1;
                }
            }

            return position;
        }

        private SourceInput Input(int position) => new SourceInput(file, budget).At(position);
    }
}
