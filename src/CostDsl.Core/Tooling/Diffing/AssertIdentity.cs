using CostDsl.Modules;
using CostDsl.Runtime;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Tooling.Diffing;

/// <summary>
/// What makes an assert the same assert in two versions of a spec: its file (relative to the root spec), its message, and
/// its condition compared as syntax, so that a change of layout, comments or order is no change of identity.
/// </summary>
internal sealed record AssertIdentity(string File, string? Message, Expr Condition)
{
    public static readonly IEqualityComparer<AssertIdentity> Comparer = new SameAssert();

    public static AssertIdentity Of(SourceFile root, AssertOutcome outcome) => new(FileKey(root, outcome), outcome.Decl.Message, outcome.Decl.Condition);

    /// <summary>
    /// The assert's file as seen from <paramref name="root"/>'s folder: empty for the root itself, a bundled file by its
    /// library name. Locations, not display paths: the two sides' roots may be <c>HEAD:a/x.cost</c> and <c>a/x.cost</c>.
    /// </summary>
    public static string FileKey(SourceFile root, AssertOutcome outcome)
    {
        var file = outcome.Decl.Span.File;
        if (ReferenceEquals(file, root) || file.Location == root.Location)
        {
            return string.Empty;
        }

        return file.Location.StartsWith(BundledLibrary.Prefix, StringComparison.Ordinal)
            ? file.Location
            : Path.GetRelativePath(Path.GetDirectoryName(root.Location) ?? ".", file.Location).Replace('\\', '/');
    }

    private sealed class SameAssert : IEqualityComparer<AssertIdentity>
    {
        public bool Equals(AssertIdentity? x, AssertIdentity? y) =>
            x is null || y is null ? x is null && y is null
            : x.File == y.File && x.Message == y.Message && SyntaxEquality.Expressions.Equals(x.Condition, y.Condition);

        public int GetHashCode(AssertIdentity identity) =>
            HashCode.Combine(identity.File, identity.Message, SyntaxEquality.Expressions.GetHashCode(identity.Condition));
    }
}
