using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Parsing;

/// <summary>
/// The commonest statements, <c>let NAME = VALUE</c>, <c>output NAME = VALUE</c> and a block's
/// <c>NAME = VALUE</c>, whose value is a number, a number and one unit name (<c>80 GB</c>) or a name,
/// scanned by hand: the same declaration (values, spans, lines and columns) as the grammar's, but
/// without running the expression grammar's twelve precedence levels, which allocated about 9 KB a line
/// (issue 18's 100,000 outputs). Anything else, and anything uncertain (a line break or comment inside,
/// a keyword, an operator, a second unit factor, a power), is left to the grammar: <see cref="TryScan"/>
/// returns null and the caller parses as before, so errors are always the grammar's.
/// </summary>
internal static class LiteralStatement
{
    /// <summary>What starts the statement: a keyword (let, output) or, in a block, the field's name.</summary>
    public enum Kind
    {
        Let,
        Output,
        Field,
    }

    /// <summary>
    /// The declaration at <paramref name="start"/> (the first character of its keyword, or of a field's
    /// name) and where its statement ends (the line break, ';', end of the file or, for a field, '}'
    /// after it: what the walker's end-of-statement check gives); null when it is not of the simple shape.
    /// </summary>
    public static (Decl Declaration, int End)? TryScan(SourceFile file, int start, Kind kind)
    {
        var text = file.Text;
        var keywordEnd = start + kind switch { Kind.Let => "let".Length, Kind.Output => "output".Length, _ => 0 };
        var position = keywordEnd;
        if (kind != Kind.Field)
        {
            var spaces = SkipSpaces(text, position);
            if (spaces == position)
            {
                return null;
            }

            position = spaces;
        }

        var nameStart = position;
        var nameEnd = WordEnd(text, nameStart);
        // A let's or output's name may not be a keyword; a field's may (grammar/language.md's workloads have 'output').
        if (nameEnd == nameStart || (kind != Kind.Field && Lexical.IsKeyword(text.AsSpan(nameStart, nameEnd - nameStart))))
        {
            return null;
        }

        position = SkipSpaces(text, nameEnd);
        if (position >= text.Length || text[position] != '=' || (position + 1 < text.Length && text[position + 1] == '='))
        {
            return null;
        }

        var valueStart = SkipSpaces(text, position + 1);
        if (valueStart >= text.Length)
        {
            return null;
        }

        // Every token is on the keyword's line, so columns follow from offsets.
        var (line, column) = file.Position(start);
        SourceSpan Span(int from, int to) => new(file, from, to - from, line, column + (from - start));

        Expr value;
        int valueEnd;
        if (Lexical.IsAsciiDigit(text[valueStart]))
        {
            var (written, number, percent, numberEnd) = Lexical.ScanNumber(text, valueStart);
            var literal = new NumberExpr(number, written, percent, Span(valueStart, numberEnd));
            value = literal;
            valueEnd = numberEnd;
            var unitStart = SkipSpaces(text, numberEnd);
            if (!percent && unitStart < text.Length && Lexical.IsWordStart(text[unitStart]))
            {
                var unitEnd = WordEnd(text, unitStart);
                if (Lexical.IsKeyword(text.AsSpan(unitStart, unitEnd - unitStart)))
                {
                    return null; // '5 to 10', '5 in MB': not a unit
                }

                var unitSpan = Span(unitStart, unitEnd);
                var unit = new UnitSyntax([new UnitFactor(text[unitStart..unitEnd], 1, unitSpan)], unitSpan);
                value = new QuantityExpr(literal, unit, SourceSpan.Cover(literal.Span, unitSpan));
                valueEnd = unitEnd;
            }
        }
        else if (Lexical.IsWordStart(text[valueStart]))
        {
            valueEnd = WordEnd(text, valueStart);
            if (Lexical.IsKeyword(text.AsSpan(valueStart, valueEnd - valueStart)))
            {
                return null;
            }

            value = new NameExpr(text[valueStart..valueEnd], Span(valueStart, valueEnd));
        }
        else
        {
            return null;
        }

        if (EndOfStatement(text, valueEnd, allowBrace: kind == Kind.Field) is not { } end)
        {
            return null;
        }

        var name = text[nameStart..nameEnd];
        var nameSpan = Span(nameStart, nameEnd);
        Decl declaration = kind switch
        {
            Kind.Let => new LetDecl(name, nameSpan, value, SourceSpan.Cover(Span(start, keywordEnd), value.Span)),
            Kind.Output => new OutputDecl(name, nameSpan, value, null, SourceSpan.Cover(Span(start, keywordEnd), value.Span)),
            _ => new FieldDecl(name, nameSpan, value, SourceSpan.Cover(nameSpan, value.Span)),
        };
        return (declaration, end);
    }

    /// <summary>
    /// After the value: spaces, tabs, carriage returns and a comment, then a line break, ';', the end of the
    /// file (or '}' in a block). Anything else (an operator, '(', '.', '^', '/', a second unit name) goes on
    /// with the expression, so that line is the grammar's to read.
    /// </summary>
    private static int? EndOfStatement(string text, int position, bool allowBrace)
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\r')
        {
            position++;
        }

        if (position < text.Length && (text[position] == '#' || (text[position] == '/' && position + 1 < text.Length && text[position + 1] == '/')))
        {
            var lineBreak = text.IndexOf('\n', position);
            return lineBreak < 0 ? text.Length : lineBreak;
        }

        return position >= text.Length || text[position] is '\n' or ';' || (allowBrace && text[position] == '}') ? position : null;
    }

    private static int SkipSpaces(string text, int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t')
        {
            position++;
        }

        return position;
    }

    /// <summary>Past the word at <paramref name="position"/>; <paramref name="position"/> itself when none starts there.</summary>
    private static int WordEnd(string text, int position)
    {
        if (position >= text.Length || !Lexical.IsWordStart(text[position]))
        {
            return position;
        }

        position++;
        while (position < text.Length && Lexical.IsIdentifierChar(text[position]))
        {
            position++;
        }

        return position;
    }
}
