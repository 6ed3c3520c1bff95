using CostDsl.Diagnostics;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Semantics;

/// <summary>
/// The declarations a static error sits in, so that a program with errors can still evaluate what
/// does not depend on them: every independent error is reported in one run. The evaluator fails a
/// declaration listed here quietly (its error is already reported), and with it everything that uses it.
/// </summary>
public sealed class ErroneousDeclarations
{
    private readonly HashSet<string> lets = new(StringComparer.Ordinal);
    private readonly HashSet<(string Block, string Field)> fields = [];
    private readonly HashSet<string> blocks = new(StringComparer.Ordinal);
    private readonly HashSet<string> functions = new(StringComparer.Ordinal);
    private readonly HashSet<AssertDecl> asserts = new(ReferenceEqualityComparer.Instance);

    private ErroneousDeclarations()
    {
    }

    /// <summary>
    /// Where each error of <paramref name="diagnostics"/> sits; null when some error changes what the
    /// whole program means (a sweep, a scenario, a command-line override, an error with no place), so
    /// that nothing may be evaluated.
    /// </summary>
    public static ErroneousDeclarations? Find(ProgramModel model, IEnumerable<Diagnostic> diagnostics)
    {
        var found = new ErroneousDeclarations();
        foreach (var error in diagnostics.Where(d => d.Severity == Severity.Error))
        {
            if (error.Code == Codes.UnknownScenario || error.Code == Codes.BadOverride || error.Code == Codes.LimitExceeded || error.Code == Codes.InternalError)
            {
                return null;
            }

            if (error.Span is not { } span || model.Trees.FirstOrDefault(t => ReferenceEquals(t.File, span.File)) is not { } tree)
            {
                return null;
            }

            // An error between declarations (a line that did not parse) leaves the others alone:
            // what used that line's name reports an unknown name of its own.
            var declaration = DeclarationAt(tree, span);
            switch (declaration)
            {
                case null or ImportDecl:
                    break;
                case LetDecl let:
                    found.lets.Add(let.Name);
                    break;
                case OutputDecl output:
                    found.lets.Add(output.Name);
                    break;
                case BlockDecl block when block.Fields.FirstOrDefault(f => Contains(f.Span, span) || Contains(f.Value.Span, span)) is { } field:
                    found.fields.Add((block.Name, field.Name));
                    break;
                case BlockDecl block:
                    found.blocks.Add(block.Name);
                    break;
                case FnDecl fn:
                    found.functions.Add(fn.Name);
                    break;
                case AssertDecl assert:
                    found.asserts.Add(assert);
                    break;
                default:
                    // A unit, a sweep or a scenario: its meaning reaches everything.
                    return null;
            }
        }

        return found;
    }

    public bool Contains(LetSymbol let) => lets.Contains(let.Name);

    public bool Contains(FnSymbol fn) => functions.Contains(fn.Name);

    public bool Contains(AssertDecl assert) => asserts.Contains(assert);

    /// <summary>A field with an error of its own, or any field of a block whose declaration has one (a bad <c>extends</c>).</summary>
    public bool Contains(BlockSymbol block, FieldSymbol field)
    {
        if (fields.Contains((field.DeclaredIn.Name, field.Name)))
        {
            return true;
        }

        for (var b = block; b is not null; b = b.Base)
        {
            if (blocks.Contains(b.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The declaration whose span holds <paramref name="span"/>, found by binary search: a file's
    /// declarations come in the order they are written and do not overlap, so only the last one that
    /// starts at or before the span can hold it. (A scan per error was quadratic: 10,000 unknown names.)
    /// </summary>
    private static Decl? DeclarationAt(SyntaxTree tree, SourceSpan span)
    {
        var declarations = tree.Declarations;
        int low = 0, high = declarations.Length - 1, last = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (declarations[middle].Span.Start <= span.Start)
            {
                last = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return last >= 0 && Contains(declarations[last].Span, span) ? declarations[last] : null;
    }

    private static bool Contains(SourceSpan outer, SourceSpan inner) =>
        ReferenceEquals(outer.File, inner.File) && inner.Start >= outer.Start && inner.End <= outer.End;
}
