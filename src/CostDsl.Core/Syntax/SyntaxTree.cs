using System.Collections.Immutable;
using CostDsl.Text;

namespace CostDsl.Syntax;

/// <summary>The declarations parsed from one file, in the order they were written.</summary>
public sealed record SyntaxTree(SourceFile File, ImmutableArray<Decl> Declarations)
{
    /// <summary>The file's comments, kept by the parser as trivia (the declarations' spans place them).</summary>
    public ImmutableArray<SourceComment> Comments { get; init; } = [];

    public IEnumerable<T> OfType<T>()
        where T : Decl => Declarations.OfType<T>();

    public bool Equals(SyntaxTree? other) =>
        other is not null && ReferenceEquals(File, other.File) && Declarations.SequenceEqual(other.Declarations);

    public override int GetHashCode() => File.Path.GetHashCode(StringComparison.Ordinal);
}
