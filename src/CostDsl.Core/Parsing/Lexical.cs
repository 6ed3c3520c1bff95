using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Sprache;

namespace CostDsl.Parsing;

/// <summary>Tokens of the language: trivia, keywords, identifiers, numbers, strings.</summary>
internal static class Lexical
{
    public static readonly FrozenSet<string> Keywords = new[]
    {
        "import", "hardware", "model", "workload", "let", "fn", "unit", "output", "assert", "sweep", "scenario",
        "extends", "if", "then", "else", "and", "or", "not", "to", "in",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Declared after Keywords: static fields initialise in order.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> KeywordSpans = Keywords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether a word of the text is a keyword, without copying it out.</summary>
    public static bool IsKeyword(ReadOnlySpan<char> word) => KeywordSpans.Contains(word);

    /// <summary>Keywords that begin a top-level declaration: where error recovery resumes.</summary>
    public static readonly FrozenSet<string> DeclarationKeywords = new[]
    {
        "import", "hardware", "model", "workload", "let", "fn", "unit", "output", "assert", "sweep", "scenario",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Spaces, tabs and comments, but not a line break: a statement ends at the end of its line.</summary>
    public static readonly Parser<string> InlineTrivia = SkipTrivia(lineBreaks: false);

    /// <summary>Trivia including line breaks: inside brackets and after an operator that ends a line.</summary>
    public static readonly Parser<string> AnyTrivia = SkipTrivia(lineBreaks: true);

    /// <summary>
    /// Written by hand rather than composed: trivia is tried before every token the grammar
    /// attempts, and the combinator form allocated most of what a parse allocates.
    /// </summary>
    private static Parser<string> SkipTrivia(bool lineBreaks) => input => Result.Success(string.Empty, After(input, lineBreaks));

    /// <summary>
    /// Where the trivia at <paramref name="input"/> ends (the input itself when there is none, so that
    /// nothing is allocated): what the trivia parsers' remainder would be, for tokens that skip it
    /// before every attempt without building a result for it.
    /// </summary>
    public static IInput After(IInput input, bool lineBreaks)
    {
        var text = input.Source;
        var (position, line, column) = (input.Position, input.Line, input.Column);
        while (position < text.Length)
        {
            var c = text[position];
            if (c is ' ' or '\t' or '\r')
            {
                position++;
                column++;
            }
            else if (c == '\n' && lineBreaks)
            {
                position++;
                line++;
                column = 1;
            }
            else if (c == '#' || (c == '/' && position + 1 < text.Length && text[position + 1] == '/'))
            {
                while (position < text.Length && text[position] != '\n')
                {
                    position++;
                    column++;
                }
            }
            else
            {
                break;
            }
        }

        return position == input.Position ? input : ((SourceInput)input).Moved(position, line, column);
    }

    /// <summary>A word: a letter or '_', then letters, digits and '_'. Allocates only the word itself.</summary>
    private static readonly Parser<string> Word = input =>
    {
        var text = input.Source;
        var start = input.Position;
        if (start >= text.Length || !(char.IsLetter(text[start]) || text[start] == '_'))
        {
            return Result.Failure<string>(input, "expected a name", WordExpected);
        }

        var end = start + 1;
        while (end < text.Length && IsIdentifierChar(text[end]))
        {
            end++;
        }

        return Result.Success(text[start..end], ((SourceInput)input).Moved(end, input.Line, input.Column + (end - start)));
    };

    private static readonly string[] WordExpected = ["name"];

    public static readonly Parser<string> Identifier =
        Word.Where(word => !Keywords.Contains(word)).Named("name");

    /// <summary>
    /// A field name: after '.' and on the left of a block field any word will do, keywords too,
    /// because the language reference's own workloads (grammar/language.md) have fields named <c>output</c> and <c>input</c>.
    /// </summary>
    public static readonly Parser<string> FieldName = Word.Named("field name");

    /// <summary>Whether <paramref name="symbol"/> is written at <paramref name="position"/>.</summary>
    public static bool IsSymbolAt(string text, int position, string symbol) =>
        position + symbol.Length <= text.Length && string.CompareOrdinal(text, position, symbol, 0, symbol.Length) == 0;

    /// <summary>Whether <paramref name="keyword"/> is written at <paramref name="position"/> as a whole word.</summary>
    public static bool IsKeywordAt(string text, int position, string keyword) =>
        IsSymbolAt(text, position, keyword) && (position + keyword.Length == text.Length || !IsIdentifierChar(text[position + keyword.Length]));

    /// <summary>After the spaces and tabs at <paramref name="input"/> (the input itself when there are none).</summary>
    public static IInput AfterSpaces(IInput input)
    {
        var text = input.Source;
        var position = input.Position;
        while (position < text.Length && text[position] is ' ' or '\t')
        {
            position++;
        }

        return position == input.Position ? input : ((SourceInput)input).Moved(position, input.Line, input.Column + (position - input.Position));
    }

    /// <summary>A keyword as a whole word (not the start of a longer name). Tried often, so it allocates only on success.</summary>
    public static Parser<string> Keyword(string keyword)
    {
        var expected = new[] { $"'{keyword}'" };
        var message = $"expected '{keyword}'";
        return input =>
        {
            var text = input.Source;
            var end = input.Position + keyword.Length;
            return end <= text.Length
                && string.CompareOrdinal(text, input.Position, keyword, 0, keyword.Length) == 0
                && (end == text.Length || !IsIdentifierChar(text[end]))
                ? Result.Success(keyword, ((SourceInput)input).Moved(end, input.Line, input.Column + keyword.Length))
                : Result.Failure<string>(input, message, expected);
        };
    }

    /// <summary>An operator or punctuation symbol, matched exactly. Tried often, so it allocates only on success.</summary>
    public static Parser<string> Symbol(string symbol)
    {
        var expected = new[] { $"'{symbol}'" };
        var message = $"expected '{symbol}'";
        return input =>
        {
            var end = input.Position + symbol.Length;
            return end <= input.Source.Length && string.CompareOrdinal(input.Source, input.Position, symbol, 0, symbol.Length) == 0
                ? Result.Success(symbol, ((SourceInput)input).Moved(end, input.Line, input.Column + symbol.Length))
                : Result.Failure<string>(input, message, expected);
        };
    }

    /// <summary>0-9 only: Sprache's Parse.Digit takes any Unicode digit (Arabic-Indic, Devanagari), which no number parser reads.</summary>
    public static readonly Parser<char> AsciiDigit = Parse.Char(c => c is >= '0' and <= '9', "digit");

    /// <summary>
    /// A number as written: <c>42</c>, <c>6.2e9</c>, <c>1_000_000</c>, optionally with a trailing <c>%</c>.
    /// Digits, then groups of '_' and digits, then an optional fraction ('.' and digits), exponent ('e',
    /// an optional sign, digits) and '%'; an optional part that is not complete is not taken (<c>1.</c>
    /// is the number 1 before a '.'). Scanned in place, one result per number: composed of Sprache's
    /// character parsers it allocated a result and an input per digit.
    /// </summary>
    public static readonly Parser<(string Text, double Value, bool IsPercent)> Number = input =>
    {
        var text = input.Source;
        var start = input.Position;
        if (start >= text.Length)
        {
            return Result.Failure<(string, double, bool)>(input, "Unexpected end of input reached", NumberExpected);
        }

        if (!IsAsciiDigit(text[start]))
        {
            return Result.Failure<(string, double, bool)>(input, $"unexpected '{text[start]}'", NumberExpected);
        }

        var (written, value, percent, end) = ScanNumber(text, start);
        var remainder = ((SourceInput)input).Moved(end, input.Line, input.Column + (end - start));
        return Result.Success((written, value, percent), remainder);
    };

    /// <summary>
    /// The number written at <paramref name="start"/>, which must be an ASCII digit: its text (with the '%'),
    /// value, whether it is a percentage and where it ends. <see cref="Number"/>'s scan, shared with
    /// <see cref="LiteralStatement"/>.
    /// </summary>
    public static (string Text, double Value, bool IsPercent, int End) ScanNumber(string text, int start)
    {
        var end = DigitsEnd(text, start);
        if (end + 1 < text.Length && text[end] == '.' && IsAsciiDigit(text[end + 1]))
        {
            end = DigitsEnd(text, end + 1);
        }

        if (end < text.Length && text[end] is 'e' or 'E')
        {
            var digits = end + 1 < text.Length && text[end + 1] is '+' or '-' ? end + 2 : end + 1;
            if (digits < text.Length && IsAsciiDigit(text[digits]))
            {
                end = DigitsEnd(text, digits);
            }
        }

        var written = text[start..end];
        var value = double.Parse(written.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
        var percent = end < text.Length && text[end] == '%';
        if (percent)
        {
            end++;
        }

        return (percent ? written + "%" : written, percent ? value / 100 : value, percent, end);
    }

    private static readonly string[] NumberExpected = ["number"];

    public static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

    /// <summary>Past the digits at <paramref name="position"/> (one at least) and every '_' group of digits after them.</summary>
    private static int DigitsEnd(string text, int position)
    {
        while (true)
        {
            while (position < text.Length && IsAsciiDigit(text[position]))
            {
                position++;
            }

            if (position + 1 < text.Length && text[position] == '_' && IsAsciiDigit(text[position + 1]))
            {
                position++;
                continue;
            }

            return position;
        }
    }

    /// <summary>
    /// A double-quoted string; <c>\"</c> and <c>\\</c> are the only escapes (any other backslash is itself),
    /// and a string ends at its line. Scanned in place, one result per string, with the results and failures
    /// of the composition it replaces (a '"', then many of <c>\"</c>, <c>\\</c> or a character but '"' and a
    /// line break, then '"' named "closing '\"'", the whole named "string"): composed of Sprache's parsers it
    /// tried three alternatives per character, allocating failures and their messages for each.
    /// </summary>
    public static readonly Parser<string> String = input =>
    {
        var text = input.Source;
        var start = input.Position;
        if (start >= text.Length || text[start] != '"')
        {
            return Result.Failure<string>(input, start >= text.Length ? EndOfInput : $"unexpected '{text[start]}'", StringExpected);
        }

        var position = start + 1;
        StringBuilder? escaped = null;
        while (position < text.Length && text[position] is not ('"' or '\n'))
        {
            if (text[position] == '\\' && position + 1 < text.Length && text[position + 1] is '"' or '\\')
            {
                escaped ??= new StringBuilder().Append(text, start + 1, position - (start + 1));
                escaped.Append(text[position + 1]);
                position += 2;
                continue;
            }

            escaped?.Append(text[position]);
            position++;
        }

        // No line break inside: the column moves by the characters passed.
        var at = ((SourceInput)input).Moved(position, input.Line, input.Column + (position - start));
        if (position >= text.Length || text[position] != '"')
        {
            return Result.Failure<string>(at, position >= text.Length ? EndOfInput : $"unexpected '{text[position]}'", StringCloseExpected);
        }

        var value = escaped?.ToString() ?? text.Substring(start + 1, position - (start + 1));
        return Result.Success(value, ((SourceInput)input).Moved(position + 1, input.Line, input.Column + (position + 1 - start)));
    };

    // Sprache's own message at the end of the input, kept so that a failure reads as the composed parser's did.
    private const string EndOfInput = "Unexpected end of input reached";

    private static readonly string[] StringExpected = ["string"];

    private static readonly string[] StringCloseExpected = ["closing '\"'"];

    public static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>Whether a word (a name, a unit, a keyword) starts with <paramref name="c"/>.</summary>
    public static bool IsWordStart(char c) => char.IsLetter(c) || c == '_';
}
