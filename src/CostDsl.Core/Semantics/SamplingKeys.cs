using CostDsl.Modules;
using CostDsl.Runtime;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Semantics;

/// <summary>
/// Gives every node that may draw samples (a range, a call) its <see cref="SamplingKey"/>, once, when
/// the program is checked. The key names the module, the declaration and the node's position in the
/// declaration's expression tree (child indices from the root), so that nothing about the text's
/// layout or the path the user typed enters it. Calls get keys too: inside a function the evaluator
/// extends the call path with them, so that each call draws anew.
/// </summary>
internal static class SamplingKeys
{
    /// <summary>The module name of the root spec: fixed, so that renaming or moving the spec changes nothing.</summary>
    public const string RootModule = "<spec>";

    /// <summary>
    /// The files checked only where reached (<see cref="ModulePlan"/>) and what the checker reached in
    /// them: only those declarations can be evaluated, so only they need keys, the same keys a walk of
    /// the whole file gives them.
    /// </summary>
    public sealed record Reached(IReadOnlySet<SourceFile> Files, IEnumerable<LetSymbol> Lets, IEnumerable<(BlockSymbol Block, string Field)> Fields, IEnumerable<FnSymbol> Functions);

    public static IReadOnlyDictionary<Expr, SamplingKey> Compute(ProgramModel model, IReadOnlyList<CheckedSweep> sweeps, Reached? reached = null)
    {
        var keys = new Dictionary<Expr, SamplingKey>(ReferenceEqualityComparer.Instance);
        if (reached is not null)
        {
            AddReached(keys, model, reached);
        }

        foreach (var tree in model.Trees)
        {
            if (reached?.Files.Contains(tree.File) == true)
            {
                continue;
            }

            var module = Module(tree.File, model.Root);
            var asserts = 0;
            foreach (var declaration in tree.Declarations)
            {
                switch (declaration)
                {
                    case LetDecl let when !IsLeaf(let.Value):
                        Walk(keys, let.Value, SamplingKey.Of(module, $"let {let.Name}"));
                        break;
                    case OutputDecl { Value: { } value } output when !IsLeaf(value):
                        Walk(keys, value, SamplingKey.Of(module, $"let {output.Name}"));
                        break;
                    case BlockDecl block:
                        foreach (var field in block.Fields.Where(f => !IsLeaf(f.Value)))
                        {
                            Walk(keys, field.Value, SamplingKey.Of(module, $"{block.Name}.{field.Name}"));
                        }

                        break;
                    case FnDecl fn:
                        Walk(keys, fn.Body, SamplingKey.Of(module, $"fn {fn.Name}"));
                        break;
                    case AssertDecl assert:
                        // Asserts have no name: the n-th assert of its file.
                        Walk(keys, assert.Condition, SamplingKey.Of(module, $"assert {asserts++}"));
                        break;
                    case ScenarioDecl scenario:
                        foreach (var setting in scenario.Settings)
                        {
                            Walk(keys, setting.Value, SamplingKey.Of(module, $"scenario {scenario.Name} {setting.PathText}"));
                        }

                        break;
                    case SweepDecl sweep:
                        Walk(keys, sweep.Values, SamplingKey.Of(module, $"sweep {sweep.PathText}"));
                        break;
                    case UnitDecl { Definition: { } definition } unit:
                        Walk(keys, definition, SamplingKey.Of(module, $"unit {unit.Name}"));
                        break;
                }
            }
        }

        // What no file holds comes from the command line: --set values and --sweep lists, named by their path.
        foreach (var let in model.Lets.Where(l => !IsLeaf(l.Value) && !keys.ContainsKey(l.Value) && reached?.Files.Contains(l.NameSpan.File) != true))
        {
            Walk(keys, let.Value, SamplingKey.Of("--set", let.Name));
        }

        foreach (var block in model.Blocks.Where(b => reached?.Files.Contains(b.NameSpan.File) != true))
        {
            foreach (var field in block.Fields.Where(f => !keys.ContainsKey(f.Value) && reached?.Files.Contains(f.DeclaredIn.NameSpan.File) != true))
            {
                Walk(keys, field.Value, SamplingKey.Of("--set", $"{field.DeclaredIn.Name}.{field.Name}"));
            }
        }

        foreach (var sweep in sweeps.Where(s => !keys.ContainsKey(s.Decl.Values)))
        {
            Walk(keys, sweep.Decl.Values, SamplingKey.Of("--sweep", sweep.Path));
        }

        return keys;
    }

    /// <summary>Keys for what was reached in files checked only where reached: as the walk of their whole file names them.</summary>
    private static void AddReached(Dictionary<Expr, SamplingKey> keys, ProgramModel model, Reached reached)
    {
        foreach (var let in reached.Lets.Where(l => reached.Files.Contains(l.NameSpan.File)))
        {
            Walk(keys, let.Value, SamplingKey.Of(Module(let.NameSpan.File, model.Root), $"let {let.Name}"));
        }

        foreach (var (block, name) in reached.Fields)
        {
            if (block.Field(name) is { } field && reached.Files.Contains(field.DeclaredIn.NameSpan.File))
            {
                Walk(keys, field.Value, SamplingKey.Of(Module(field.DeclaredIn.NameSpan.File, model.Root), $"{field.DeclaredIn.Name}.{field.Name}"));
            }
        }

        foreach (var fn in reached.Functions.Where(f => reached.Files.Contains(f.NameSpan.File)))
        {
            Walk(keys, fn.Decl.Body, SamplingKey.Of(Module(fn.NameSpan.File, model.Root), $"fn {fn.Name}"));
        }

        foreach (var unit in model.Units.Where(u => u.Decl.Definition is not null && reached.Files.Contains(u.NameSpan.File)))
        {
            Walk(keys, unit.Decl.Definition!, SamplingKey.Of(Module(unit.NameSpan.File, model.Root), $"unit {unit.Name}"));
        }
    }

    /// <summary>
    /// The logical name of a file: <c>std/...</c> for the bundled library, the root's fixed name, or
    /// the path relative to the root spec's folder (with <c>/</c>), so that moving the spec with its
    /// imports keeps every name.
    /// </summary>
    public static string Module(SourceFile file, SourceFile root)
    {
        if (ReferenceEquals(file, root) || file.Location == root.Location)
        {
            return RootModule;
        }

        if (file.Location.StartsWith(BundledLibrary.Prefix, StringComparison.Ordinal))
        {
            return file.Location;
        }

        var folder = Path.GetDirectoryName(root.Location);
        if (string.IsNullOrEmpty(folder) || !Path.IsPathFullyQualified(file.Location) || !Path.IsPathFullyQualified(folder))
        {
            return file.Location.Replace('\\', '/');
        }

        return Path.GetRelativePath(folder, file.Location).Replace('\\', '/');
    }

    // Iterative, as every pass over expressions: a declaration may nest 50,000 levels deep.
    /// <summary>
    /// Nothing below a literal or a name draws: such a declaration has no key to give. Asked before its key is
    /// made (a name formatted and hashed, for each of the 100,000 declarations of a spec of literals).
    /// </summary>
    private static bool IsLeaf(Expr root) => root is NumberExpr or QuantityExpr or NameExpr;

    private static void Walk(Dictionary<Expr, SamplingKey> keys, Expr root, SamplingKey rootKey)
    {
        if (IsLeaf(root))
        {
            return; // nothing below draws: no stack for the 100,000 declarations of a spec of literals
        }

        var pending = new Stack<(Expr Expr, SamplingKey Key)>();
        pending.Push((root, rootKey));
        while (pending.Count > 0)
        {
            var (expr, key) = pending.Pop();
            if (expr is RangeExpr or CallExpr or ListExpr)
            {
                keys.TryAdd(expr, key);
            }

            var index = 0;
            foreach (var child in SyntaxWalker.Children(expr))
            {
                pending.Push((child, key.Child(index++)));
            }
        }
    }
}
