using System.Collections.Immutable;
using CostDsl.Text;

namespace CostDsl.Syntax;

/// <summary>The declarations parsed from one file, in the order they were written.</summary>
public sealed record SyntaxTree(SourceFile File, ImmutableArray<Decl> Declarations)
{
    // Default until first read or set: see Comments.
    private ImmutableArray<SourceComment> comments;

    /// <summary>
    /// The file's comments, kept as trivia (the declarations' spans place them): <see cref="SourceComment.Scan"/>
    /// of <see cref="File"/>, made on first read. Evaluating never reads them (fmt, explain and the language
    /// server do), and scanning them at every start was fresh heap for the bundled files' many source notes.
    /// </summary>
    public ImmutableArray<SourceComment> Comments
    {
        get
        {
            if (comments.IsDefault)
            {
                // Two threads may both scan; the scans are equal and the first one stored is kept.
                ImmutableInterlocked.InterlockedInitialize(ref comments, [.. SourceComment.Scan(File)]);
            }

            return comments;
        }

        init => comments = value;
    }

    /// <summary>
    /// The comments after the code on the lines of <paramref name="span"/> (a declaration, a field), joined:
    /// where its figure comes from. With <see cref="CommentsAbove"/> the one rule that attaches a comment to
    /// the declaration it trails or precedes; explain, diff and the language server all read it here.
    /// </summary>
    public string? CommentAfter(SourceSpan span) => SourceComment.After(Comments, span);

    /// <summary>The comment lines right above <paramref name="span"/> (a block's notes), in order.</summary>
    public string? CommentsAbove(SourceSpan span) => SourceComment.Above(Comments, span);

    public IEnumerable<T> OfType<T>()
        where T : Decl => Declarations.OfType<T>();

    public bool Equals(SyntaxTree? other) =>
        other is not null && ReferenceEquals(File, other.File) && Declarations.SequenceEqual(other.Declarations);

    public override int GetHashCode() => File.Path.GetHashCode(StringComparison.Ordinal);
}
