using CostDsl.Text;
using Sprache;

namespace CostDsl.Parsing;

/// <summary>
/// Sprache input over a <see cref="SourceFile"/>: the grammar stays one shared, immutable set of
/// parsers while each node can still learn which file it came from.
/// </summary>
internal sealed class SourceInput : IInput
{
    private Dictionary<object, object>? memos;

    public SourceInput(SourceFile file, ParseBudget budget, int position = 0, int line = 1, int column = 1)
    {
        File = file;
        Budget = budget;
        Position = position;
        Line = line;
        Column = column;
    }

    public SourceFile File { get; }

    public ParseBudget Budget { get; }

    public string Source => File.Text;

    public char Current => File.Text[Position];

    public bool AtEnd => Position >= File.Text.Length;

    public int Position { get; }

    public int Line { get; }

    public int Column { get; }

    public IDictionary<object, object> Memos => memos ??= [];

    public IInput Advance()
    {
        if (AtEnd)
        {
            throw new InvalidOperationException("The input is already at its end.");
        }

        return Current == '\n'
            ? new SourceInput(File, Budget, Position + 1, Line + 1, 1)
            : new SourceInput(File, Budget, Position + 1, Line, Column + 1);
    }

    /// <summary>An input further on in the same file, whose line and column the caller already knows.</summary>
    public SourceInput Moved(int position, int line, int column) => new(File, Budget, position, line, column);

    /// <summary>An input at another offset of the same file, for resuming after an error.</summary>
    public SourceInput At(int position)
    {
        var (line, column) = File.Position(Math.Min(position, File.Text.Length));
        return new SourceInput(File, Budget, position, line, column);
    }

    public bool Equals(IInput? other) => other is SourceInput input && ReferenceEquals(input.File, File) && input.Position == Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(File.Path, Position);
}
