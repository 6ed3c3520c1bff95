using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using CostDsl.Diagnostics;
using CostDsl.Modules;
using CostDsl.Syntax;
using CostDsl.Text;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>
/// Which imported modules are known to check clean, so that the specs of a batch that import them
/// check their declarations only where reached (issue 18: a chain of 3,000 imports checked every
/// module once per spec above it, quadratic work). Keyed by a content fingerprint of the module and
/// of its whole import closure (the texts and the import structure, with the units prelude), never by
/// a path or a time, so an edited module, or one whose imports changed, is simply not known.
/// </summary>
/// <remarks>
/// A closure is recorded as clean after a spec checked all of it in full with no diagnostic in any
/// of its files, and with every name its declarations mention (and every unit a prefixed name may
/// stand on) meaning, in that spec, nothing or a declaration of the closure itself: then the closure
/// alone would check the same, so it checks clean in any spec that loads it without an assembly
/// diagnostic (no duplicate, prefix clash, cycle or missing import could change a name it reads) and
/// with no --set, scenario setting or sweep bound to a declaration outside the root file (an override
/// changes what the module's lets are). A spec that does not meet these conditions is checked in full.
/// Only modules that declare nothing but lets, outputs, units, blocks, functions and imports are
/// recorded: an imported assert, scenario or sweep stays checked (and keyed) by every spec.
/// Safe to share between the threads of a batch; it holds fingerprints, never a checked program.
/// The bundled library's knowledge is learned at build time (<see cref="Learn"/>) and stored in the
/// precompiled library: a single run plans from it without hashing (<see cref="PlanFromLibrary"/>), and a
/// batch takes it as known (<see cref="Seed"/>) and as the fingerprints of the trees the library served.
/// </remarks>
public sealed class ModuleChecks
{
    private const string Version = "costdsl-module-check/1";

    // A closure's fingerprint -> whether anything in the closure draws samples (the spec is then Monte Carlo).
    private readonly ConcurrentDictionary<string, bool> clean = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<SyntaxTree, string> textHashes = [];
    private readonly ConditionalWeakTable<SyntaxTree, ClosureMemo> closures = [];

    /// <summary>How many closures are known clean; a test reads it to see the knowledge grow.</summary>
    public int Count => clean.Count;

    /// <summary>
    /// Which files of <paramref name="model"/> may be checked only where reached; null when the spec
    /// must be checked in full (see the remarks). <paramref name="assemblyClean"/>: the assembler and
    /// the parser reported nothing.
    /// </summary>
    /// <remarks><paramref name="library"/>: the precompiled library the spec's std/ trees may have come from; a tree it served takes its stored fingerprint.</remarks>
    internal ModulePlan? Plan(ProgramModel model, bool assemblyClean, PrecompiledLibrary? library = null)
    {
        if (!MeetsConditions(model, assemblyClean) || Fingerprints(model, Stored(model, library)) is not { } fingerprints)
        {
            return null;
        }

        return Plan(model, fingerprints, tree => clean.TryGetValue(fingerprints[tree], out var draws) ? draws : null);
    }

    /// <summary>
    /// The plan of a single run from the bundled library's stored knowledge alone: the std/ trees <paramref name="library"/>
    /// served, whose imports are the library's trees they were learned with, known clean at build time. Hashes nothing
    /// and records nothing (a single run meets no second spec); its plan has no fingerprints.
    /// </summary>
    internal static ModulePlan? PlanFromLibrary(ProgramModel model, bool assemblyClean, PrecompiledLibrary library)
    {
        if (!MeetsConditions(model, assemblyClean) || Stored(model, library) is not { Count: > 0 } stored)
        {
            return null;
        }

        return Plan(model, new Dictionary<SyntaxTree, string>(), tree => stored.TryGetValue(tree, out var known) && known.KnownClean ? known.DrawsSamples : null);
    }

    /// <summary>Takes every closure the library's form knows clean as known clean here (a batch's first spec then checks no catalog in full).</summary>
    public void Seed(PrecompiledLibrary library)
    {
        foreach (var location in library.Locations)
        {
            if (library.StoredKnowledge(location) is { KnownClean: true } known)
            {
                clean.TryAdd(known.Fingerprint, known.DrawsSamples);
            }
        }
    }

    /// <summary>
    /// What this instance knows of each tree of <paramref name="model"/> but the root (the prelude included): its
    /// closure fingerprint, whether the closure is known clean (and draws samples), its imports' locations. The form
    /// src/CostDsl.LibraryBuilder stores for the bundled library, read after checking a spec that imports a module.
    /// </summary>
    public IReadOnlyList<(SyntaxTree Tree, PrecompiledLibraryKnowledge Knowledge)> Knowledge(ProgramModel model)
    {
        if (model.Trees.Count < 2 || Fingerprints(model, Stored(model, null)) is not { } fingerprints)
        {
            return [];
        }

        return [.. model.Trees.Take(model.Trees.Count - 1).Select(tree =>
        {
            var fingerprint = fingerprints[tree];
            var known = clean.TryGetValue(fingerprint, out var draws);
            var imports = (model.Imports.GetValueOrDefault(tree) ?? []).Select(i => i.File.Location).ToImmutableArray();
            return (tree, new PrecompiledLibraryKnowledge(fingerprint, known, known && draws, imports));
        })];
    }

    private static bool MeetsConditions(ProgramModel model, bool assemblyClean) =>
        assemblyClean && model.Trees.Count >= 2 && model.Trees[0].File.Location == BundledLibrary.Prelude && model.Overrides.All(o => InRoot(o, model));

    /// <param name="cleanDraws">For a tree: null when its closure is not known clean, else whether the closure draws samples.</param>
    private static ModulePlan? Plan(ProgramModel model, Dictionary<SyntaxTree, string> fingerprints, Func<SyntaxTree, bool?> cleanDraws)
    {
        var skipped = new HashSet<SourceFile>(ReferenceEqualityComparer.Instance);
        var draws = false;

        // From the root's side: a module known clean takes its closure along, and once every file between the prelude
        // and the root is taken (a spec over a chain: at the first), the rest of the files need not be asked about.
        for (var i = model.Trees.Count - 2; i > 0 && skipped.Count < model.Trees.Count - 2; i--)
        {
            var tree = model.Trees[i];
            if (!skipped.Contains(tree.File) && cleanDraws(tree) is { } closureDraws)
            {
                draws |= closureDraws;
                MarkClosure(tree, model, skipped);
            }
        }

        // A block of the rest that extends one of those files' blocks checks the inherited formulas in its own
        // context, and which context binds a shared formula first depends on the order of the full check: checked in full.
        foreach (var block in model.Blocks)
        {
            if (!skipped.Contains(block.NameSpan.File) && InheritsFrom(block, skipped))
            {
                return null;
            }
        }

        return new ModulePlan(skipped, draws, fingerprints);
    }

    private static bool InheritsFrom(BlockSymbol block, HashSet<SourceFile> files)
    {
        // Bases form no cycle once assembled without a diagnostic; the bound guards against one anyway.
        var depth = 0;
        for (var next = block.Base; next is not null && depth++ < 10_000; next = next.Base)
        {
            if (files.Contains(next.NameSpan.File))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Records each module of the spec just checked whose closure checked clean (see the remarks);
    /// <paramref name="diagnostics"/> are everything reported up to and including the checker's warnings.
    /// </summary>
    internal void Record(CheckedProgram program, ModulePlan plan, IReadOnlyList<Diagnostic> diagnostics)
    {
        var model = program.Model;
        var noisy = new HashSet<SourceFile>(ReferenceEqualityComparer.Instance);
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Span is not { } span)
            {
                return; // a diagnostic with no place may concern any module
            }

            noisy.Add(span.File);
        }

        // Made only when a module is a candidate: in a batch most specs meet only modules already known.
        Dictionary<SourceFile, int>? order = null;
        for (var i = 1; i < model.Trees.Count - 1; i++)
        {
            var tree = model.Trees[i];
            if (plan.Skipped.Contains(tree.File))
            {
                continue; // known clean already: over a chain of imports, every file but the root's
            }

            var fingerprint = plan.Fingerprints[tree];
            if (clean.ContainsKey(fingerprint) || noisy.Contains(tree.File) || !tree.Declarations.All(IsRecordable))
            {
                continue;
            }

            var imports = model.Imports.GetValueOrDefault(tree) ?? [];
            var importsDraw = false;
            var importsClean = true;
            foreach (var import in imports)
            {
                if (ReferenceEquals(import, model.Trees[0]))
                {
                    continue;
                }

                if (!clean.TryGetValue(plan.Fingerprints[import], out var draws))
                {
                    importsClean = false;
                    break;
                }

                importsDraw |= draws;
            }

            if (importsClean && new ClosureNames(model, tree, order ??= LoadOrder(model)).AllInClosure())
            {
                clean.TryAdd(fingerprint, importsDraw || DrawsSamples(tree, program));
            }
        }
    }

    private static Dictionary<SourceFile, int> LoadOrder(ProgramModel model)
    {
        var order = new Dictionary<SourceFile, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < model.Trees.Count; i++)
        {
            order[model.Trees[i].File] = i;
        }

        return order;
    }

    private static bool InRoot(BoundOverride bound, ProgramModel model)
    {
        var span = bound.Let?.NameSpan ?? bound.Field?.DeclaredIn.NameSpan;
        return span is null || ReferenceEquals(span.File, model.Root);
    }

    private static bool IsRecordable(Decl declaration) =>
        declaration is LetDecl or OutputDecl or UnitDecl or BlockDecl or FnDecl or ImportDecl;

    private static void MarkClosure(SyntaxTree tree, ProgramModel model, HashSet<SourceFile> skipped)
    {
        var pending = new Stack<SyntaxTree>();
        pending.Push(tree);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (ReferenceEquals(next, model.Trees[0]) || !skipped.Add(next.File))
            {
                continue; // the prelude is always checked in full
            }

            foreach (var import in model.Imports.GetValueOrDefault(next) ?? [])
            {
                pending.Push(import);
            }
        }
    }

    /// <summary>Whether the module's own declarations draw samples: a range, or a call of a distribution.</summary>
    private static bool DrawsSamples(SyntaxTree tree, CheckedProgram program) =>
        ClosureNames.Expressions(tree).SelectMany(SyntaxWalker.Descendants).Any(e =>
            e is RangeExpr || (e is CallExpr && program.Bindings.GetValueOrDefault(e) is CallBinding { Builtin.IsDistribution: true }));

    /// <summary>
    /// The stored knowledge of each tree of <paramref name="model"/> (the prelude included, the root not) that holds in
    /// this program: a tree <paramref name="library"/> served, in a program whose prelude it served too, each of whose
    /// imports is a tree that holds, of the location it was learned with. Any other tree is left out (checked as usual).
    /// </summary>
    private static Dictionary<SyntaxTree, PrecompiledLibraryKnowledge> Stored(ProgramModel model, PrecompiledLibrary? library)
    {
        var stored = new Dictionary<SyntaxTree, PrecompiledLibraryKnowledge>(ReferenceEqualityComparer.Instance);
        if (library is null)
        {
            return stored;
        }

        // Trees are in load order, each after its imports, so an import's knowledge is settled first.
        for (var i = 0; i < model.Trees.Count - 1; i++)
        {
            var tree = model.Trees[i];
            if (library.KnowledgeOf(tree) is not { } known || (i > 0 && !stored.ContainsKey(model.Trees[0])))
            {
                continue;
            }

            var imports = model.Imports.GetValueOrDefault(tree) ?? [];
            var same = imports.Count == known.Imports.Length;
            for (var j = 0; same && j < imports.Count; j++)
            {
                same = stored.ContainsKey(imports[j]) && imports[j].File.Location == known.Imports[j];
            }

            if (same)
            {
                stored[tree] = known;
            }
        }

        return stored;
    }

    /// <summary>The closure fingerprint of every tree but the root; null when an import is not among the loaded trees.</summary>
    /// <param name="stored">Trees whose fingerprint is known from the precompiled library: taken as is, not hashed.</param>
    private Dictionary<SyntaxTree, string>? Fingerprints(ProgramModel model, Dictionary<SyntaxTree, PrecompiledLibraryKnowledge> stored)
    {
        var prelude = model.Trees[0];
        var fingerprints = new Dictionary<SyntaxTree, string>(model.Trees.Count, ReferenceEqualityComparer.Instance)
        {
            [prelude] = stored.TryGetValue(prelude, out var known) ? known.Fingerprint : Closure(prelude, [TextHash(prelude)]),
        };

        // Trees are in load order, each after its imports, so every import's fingerprint is known first.
        for (var i = 1; i < model.Trees.Count - 1; i++)
        {
            var tree = model.Trees[i];
            if (stored.TryGetValue(tree, out known))
            {
                fingerprints[tree] = known.Fingerprint;
                continue;
            }

            var imports = model.Imports.GetValueOrDefault(tree) ?? [];
            foreach (var import in imports)
            {
                if (!fingerprints.ContainsKey(import))
                {
                    return null;
                }
            }

            // A tree's text never changes, so its memo's text hash is its own: only the prelude and the imports are compared.
            if (closures.TryGetValue(tree, out var memo) && SameInputs(memo, fingerprints[prelude], imports, fingerprints))
            {
                fingerprints[tree] = memo.Fingerprint;
                continue;
            }

            fingerprints[tree] = Closure(tree, [TextHash(tree), fingerprints[prelude], .. imports.Select(import => fingerprints[import])]);
        }

        return fingerprints;
    }

    // A loop, not LINQ: asked for every tree of the closure by every spec of a batch.
    private static bool SameInputs(ClosureMemo memo, string prelude, IReadOnlyList<SyntaxTree> imports, Dictionary<SyntaxTree, string> fingerprints)
    {
        var inputs = memo.Inputs;
        if (inputs.Length != imports.Count + 2 || inputs[1] != prelude)
        {
            return false;
        }

        for (var j = 0; j < imports.Count; j++)
        {
            if (inputs[j + 2] != fingerprints[imports[j]])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>SHA-256 over the inputs, remembered per tree: a batch meets the same tree with the same imports once per spec.</summary>
    private string Closure(SyntaxTree tree, string[] inputs)
    {
        if (closures.TryGetValue(tree, out var memo) && memo.Inputs.AsSpan().SequenceEqual(inputs))
        {
            return memo.Fingerprint;
        }

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Version}\n{string.Join('\n', inputs)}")));
        closures.AddOrUpdate(tree, new ClosureMemo(inputs, fingerprint));
        return fingerprint;
    }

    private string TextHash(SyntaxTree tree) =>
        textHashes.GetValue(tree, static t => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(t.File.Text))));

    private sealed record ClosureMemo(string[] Inputs, string Fingerprint);

    /// <summary>
    /// Whether every name a module's declarations mention means, in this program, nothing or a
    /// declaration of the module's import closure (or of the prelude): then the module reads the same
    /// declarations as it would alone. Unit names are tried with each prefix taken off too.
    /// </summary>
    private sealed class ClosureNames(ProgramModel model, SyntaxTree tree, Dictionary<SourceFile, int> order)
    {
        private readonly HashSet<SourceFile> closure = new(ReferenceEqualityComparer.Instance);
        private bool closureWalked;

        public static IEnumerable<Expr> Expressions(SyntaxTree tree)
        {
            foreach (var declaration in tree.Declarations)
            {
                switch (declaration)
                {
                    case LetDecl let:
                        yield return let.Value;
                        break;
                    case OutputDecl { Value: { } value }:
                        yield return value;
                        break;
                    case UnitDecl { Definition: { } definition }:
                        yield return definition;
                        break;
                    case FnDecl fn:
                        yield return fn.Body;
                        break;
                    case BlockDecl block:
                        foreach (var field in block.Fields)
                        {
                            yield return field.Value;
                        }

                        break;
                }
            }
        }

        public bool AllInClosure()
        {
            foreach (var declaration in tree.Declarations)
            {
                var named = declaration switch
                {
                    BlockDecl { Base: { } baseName } => ValueInClosure(baseName),
                    OutputDecl { Unit: { } unit } => UnitInClosure(unit),
                    _ => true,
                };
                if (!named)
                {
                    return false;
                }
            }

            foreach (var expr in Expressions(tree).SelectMany(SyntaxWalker.Descendants))
            {
                var inClosure = expr switch
                {
                    NameExpr name => ValueInClosure(name.Name),
                    CallExpr call => !model.Functions.TryGetValue(call.Callee, out var fn) || InClosure(fn.NameSpan.File),
                    QuantityExpr quantity => UnitInClosure(quantity.Unit),
                    ConvertExpr convert => UnitInClosure(convert.Unit),
                    _ => true,
                };
                if (!inClosure)
                {
                    return false;
                }
            }

            return true;
        }

        private bool UnitInClosure(UnitSyntax unit) => unit.Factors.All(f => ValueInClosure(f.Name));

        private bool ValueInClosure(string name)
        {
            if (model.Values.TryGetValue(name, out var symbol) && !InClosure(symbol.NameSpan.File))
            {
                return false;
            }

            foreach (var (_, _, rest) in Prefixes.Splits(name))
            {
                if (model.Values.TryGetValue(rest, out var unit) && !InClosure(unit.NameSpan.File))
                {
                    return false;
                }
            }

            return true;
        }

        private bool InClosure(SourceFile file)
        {
            if (ReferenceEquals(file, tree.File) || ReferenceEquals(file, model.Trees[0].File))
            {
                return true;
            }

            // A file of the closure was loaded before the module (each file after its imports).
            if (!order.TryGetValue(file, out var index) || index >= order[tree.File])
            {
                return false;
            }

            if (!closureWalked)
            {
                closureWalked = true;
                var pending = new Stack<SyntaxTree>(model.Imports.GetValueOrDefault(tree) ?? []);
                while (pending.Count > 0)
                {
                    var next = pending.Pop();
                    if (closure.Add(next.File))
                    {
                        foreach (var import in model.Imports.GetValueOrDefault(next) ?? [])
                        {
                            pending.Push(import);
                        }
                    }
                }
            }

            return closure.Contains(file);
        }
    }
}
