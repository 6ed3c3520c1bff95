using System.Collections.Immutable;
using CostDsl.Diagnostics;
using CostDsl.Functions;
using CostDsl.Modules;
using CostDsl.Parsing;
using CostDsl.Syntax;
using CostDsl.Text;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>
/// Loads a root file with its imports (the units prelude first), and collects every declaration
/// into one namespace: duplicates, import cycles, bad <c>extends</c>, prefix clashes and recursion
/// between functions are reported here, each naming what it found.
/// </summary>
/// <remarks>
/// The root file is parsed afresh (it changes from run to run, and its parse may be cancelled);
/// imports go through <c>parseImport</c>, which a host backs with a shared <see cref="ImportCache"/>.
/// </remarks>
public sealed class ProgramAssembler(SourceProvider sources, Func<SourceFile, DiagnosticBag, SyntaxTree> parseImport)
{
    private readonly List<SyntaxTree> trees = [];

    // Beside each tree, the pass's shared symbols of it when a replay brought it (null: Collect asks the pass).
    private readonly List<Symbol?[]?> sharedSymbols = [];
    private readonly HashSet<string> loaded = new(StringComparer.Ordinal);
    private readonly DependencyPath<string> importStack = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Symbol> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FnSymbol> functions = new(StringComparer.Ordinal);

    // Loads of imports remembered for the other specs of a batch pass; null outside one (see ImportClosures).
    private readonly ImportClosures? closures = sources.Closures;

    // The complete blocks Collect took from the pass (see ImportClosures), for CompleteBlocks to check against this program.
    private readonly List<BlockSymbol> sharedBlocks = [];

    // Each file's imports as loaded (in the order written), read by ModuleChecks to fingerprint import closures.
    private readonly Dictionary<string, SyntaxTree> byLocation = new(StringComparer.Ordinal);
    private readonly Dictionary<SyntaxTree, IReadOnlyList<SyntaxTree>> importsOf = new(ReferenceEqualityComparer.Instance);
    private DiagnosticBag diagnostics = new();

    private SourceFile? rootFile;
    private OverrideBinder? binder;
    private CancellationToken cancellation;

    public ProgramAssembler(SourceProvider sources)
        : this(sources, (file, bag) => Parser.ParseFile(file, bag))
    {
    }

    public ProgramModel Assemble(SourceFile root, IReadOnlyList<Override> overrides, DiagnosticBag bag, CancellationToken cancellation = default, string? scenario = null)
    {
        diagnostics = bag;
        rootFile = root;
        this.cancellation = cancellation;
        if (root.Location != BundledLibrary.Prelude)
        {
            var prelude = sources.Resolve(BundledLibrary.Prelude, root);
            if (prelude.File is { } preludeFile)
            {
                _ = Load(preludeFile);
            }
        }

        _ = Load(root);
        values.EnsureCapacity(trees.Sum(t => t.Declarations.Length));
        for (var i = 0; i < trees.Count; i++)
        {
            Collect(i);
        }

        // A scenario's settings come first, so that --set can still change one of them; the spec's
        // sweeps come before --sweep, so that a grid's first axis is the first one written.
        IReadOnlyList<Override> all = [.. ScenarioOverrides(scenario, root), .. overrides.Where(o => o.Replacement is ValueReplacement),
            .. trees[^1].OfType<SweepDecl>().Select(s => new Override(s) { Origin = OverrideOrigin.Spec }), .. overrides.Where(o => o.Replacement is SweepReplacement)];
        binder = new OverrideBinder(values, diagnostics);
        binder.BindValues(all);
        CompleteBlocks();
        binder.BindSweeps(all);
        CheckPrefixClashes();
        CheckRecursion();
        // The assembler's own dictionaries, handed over rather than frozen: nothing writes to them after this, and
        // freezing a catalog's hundreds of names cost every program more than its lookups gained.
        return new ProgramModel(root, trees.ToArray(), values, functions, binder.Bound)
        {
            Imports = importsOf,
        };
    }

    /// <summary>
    /// Loads <paramref name="file"/> and, depth first, what it imports. Returns the file's load when
    /// the pass's <see cref="ImportClosures"/> may hand it to later specs (replayed or remembered now),
    /// else null (also for a file loaded before).
    /// </summary>
    private ImportedClosure? Load(SourceFile file)
    {
        if (!loaded.Add(file.Location))
        {
            return null;
        }

        var isRoot = ReferenceEquals(file, rootFile);
        if (!isRoot && closures?.Find(file) is { } known && NoneLoadedYet(known))
        {
            Replay(known);
            return known;
        }

        var reported = diagnostics.Items.Count;
        importStack.TryEnter(file.Location, out _);
        var tree = isRoot ? Parser.ParseFile(file, diagnostics, cancellation: cancellation) : parseImport(file, diagnostics);
        var imported = new List<SyntaxTree>();
        importsOf[tree] = imported;

        // What a later spec needs to replay this load; given up on as soon as it could not do the same (see ImportClosures).
        var steps = closures is null || isRoot ? null : ImmutableArray.CreateBuilder<ImportStep>();
        var parts = new List<ImportedClosure>();
        foreach (var import in tree.OfType<ImportDecl>())
        {
            var found = sources.Resolve(import.Path, file);
            if (found.File is not { } importedFile)
            {
                var code = found.Code == Codes.FileNotFound || found.Code is null ? Codes.ImportNotFound : found.Code;
                diagnostics.Error(code, import.PathSpan, found.Error ?? $"cannot import '{import.Path}'");
                continue;
            }

            if (importStack.CycleTo(importedFile.Location) is { } cycle)
            {
                diagnostics.Error(Codes.ImportCycle, import.PathSpan, $"import cycle: {string.Join(" -> ", cycle.Append(importedFile.Location).Select(DisplayName))}");
                continue;
            }

            var loadedBefore = loaded.Contains(importedFile.Location);
            var part = Load(importedFile);
            if (steps is not null)
            {
                if (part is not null)
                {
                    parts.Add(part);
                    steps.Add(new ImportStep(importedFile, part));
                }
                else if (loadedBefore && (importedFile.Location == BundledLibrary.Prelude || parts.Any(p => p.Locations.Contains(importedFile.Location))))
                {
                    // Loaded earlier by this very load (or the prelude, loaded before every load): a replay finds it loaded too.
                    steps.Add(new ImportStep(importedFile, null));
                }
                else
                {
                    steps = null;
                }
            }

            // Loaded now, or before by another import; an import that did not load (a cycle) is left out.
            if (byLocation.TryGetValue(importedFile.Location, out var importedTree))
            {
                imported.Add(importedTree);
            }
        }

        importStack.Exit();
        trees.Add(tree);
        sharedSymbols.Add(null);
        byLocation.TryAdd(file.Location, tree);
        if (steps is null || diagnostics.Items.Count != reported)
        {
            return null;
        }

        var closure = new ImportedClosure(file, tree, imported, steps.ToImmutable(), ImportedClosure.Union(parts, file.Location), closures!.SymbolsOf(tree, SharedSymbols));
        closures!.Remember(closure);
        return closure;
    }

    /// <summary>Whether none of the files <paramref name="closure"/> loads is loaded yet (its own file aside, just marked), with the prelude loaded as when it was remembered.</summary>
    private bool NoneLoadedYet(ImportedClosure closure)
    {
        if (!loaded.Contains(BundledLibrary.Prelude))
        {
            return false;
        }

        var own = closure.File.Location;
        if (loaded.Count <= closure.Locations.Count)
        {
            // The usual case, a spec's first import: a handful loaded, thousands in the closure.
            foreach (var location in loaded)
            {
                if (!string.Equals(location, own, StringComparison.Ordinal) && closure.Locations.Contains(location))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var location in closure.Locations)
        {
            if (!string.Equals(location, own, StringComparison.Ordinal) && loaded.Contains(location))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Does what loading <paramref name="closure"/>'s file again would: the same trees in the same order, the
    /// same lookups told to the provider in the same order. Its own file is already marked loaded by the caller.
    /// </summary>
    private void Replay(ImportedClosure closure)
    {
        // Sized once for the whole closure rather than grown by doubling: a chain's closure is thousands of files.
        var count = closure.Locations.Count;
        loaded.EnsureCapacity(loaded.Count + count);
        importsOf.EnsureCapacity(importsOf.Count + count);
        byLocation.EnsureCapacity(byLocation.Count + count);
        trees.EnsureCapacity(trees.Count + count);
        sources.Replaying(count);
        sharedSymbols.EnsureCapacity(sharedSymbols.Count + count);

        // A loop, not recursion: a chain of thousands of imports would touch as many fresh stack frames per spec.
        var pending = new Stack<(ImportedClosure Load, int Next)>();
        importsOf[closure.Tree] = closure.Imports;
        pending.Push((closure, 0));
        while (pending.TryPop(out var top))
        {
            var (load, next) = top;
            if (next < load.Steps.Length)
            {
                pending.Push((load, next + 1));
                var step = load.Steps[next];
                sources.Replayed(load.File, step.Found);
                if (step.Load is { } part)
                {
                    loaded.Add(part.File.Location);
                    importsOf[part.Tree] = part.Imports;
                    pending.Push((part, 0));
                }

                continue;
            }

            trees.Add(load.Tree);
            sharedSymbols.Add(load.Symbols);
            byLocation.TryAdd(load.File.Location, load.Tree);
        }
    }

    private static string DisplayName(string location) =>
        location.StartsWith(BundledLibrary.Prefix, StringComparison.Ordinal) ? location : Path.GetFileName(location);

    private void Collect(int index)
    {
        var tree = trees[index];
        // An imported tree's lets, units and functions are the same symbols in every spec of a pass (they are
        // immutable; an override makes a new one): made once, not once per spec above the file. A block is
        // completed per program (its base, fields and overrides): one a program of the pass completed with nothing
        // of its own is taken as it is, and CompleteBlocks puts a fresh one in its place where this program differs.
        var shared = closures is null || index == trees.Count - 1 ? null : sharedSymbols[index] ?? closures.SymbolsOf(tree, SharedSymbols);
        var declarations = tree.Declarations;
        for (var i = 0; i < declarations.Length; i++)
        {
            var completed = shared is not null && declarations[i] is BlockDecl block ? closures!.CompletedBlock(block) : null;
            if (completed is not null)
            {
                sharedBlocks.Add(completed);
            }

            switch (shared?[i] ?? completed ?? NewSymbol(declarations[i]))
            {
                case FnSymbol fn:
                    DeclareFunction(fn);
                    break;
                case { } symbol:
                    Declare(symbol);
                    break;
            }
        }
    }

    private static Symbol? NewSymbol(Decl declaration) => declaration switch
    {
        LetDecl let => new LetSymbol(let),
        OutputDecl { Value: { } value } output => new LetSymbol(output, value),
        UnitDecl unit => new UnitSymbol(unit),
        BlockDecl block => new BlockSymbol(block),
        FnDecl fn => new FnSymbol(fn),
        _ => null,
    };

    private static Symbol?[] SharedSymbols(SyntaxTree tree) => [.. tree.Declarations.Select(d => d is BlockDecl ? null : NewSymbol(d))];

    private void Declare(Symbol symbol)
    {
        if (values.TryGetValue(symbol.Name, out var existing))
        {
            diagnostics.Error(Codes.DuplicateName, symbol.NameSpan, $"'{symbol.Name}' is declared twice: {symbol.Describe()} here, and {existing.Describe()} at {existing.NameSpan}");
            return;
        }

        values[symbol.Name] = symbol;
    }

    private void DeclareFunction(FnSymbol fn)
    {
        if (BuiltinLibrary.Find(fn.Name) is not null)
        {
            diagnostics.Error(Codes.DuplicateName, fn.NameSpan, $"'{fn.Name}' is a built-in function; choose another name");
        }
        else if (functions.TryGetValue(fn.Name, out var existing))
        {
            diagnostics.Error(Codes.DuplicateName, fn.NameSpan, $"function '{fn.Name}' is declared twice: here, and at {existing.NameSpan}");
        }
        else
        {
            var duplicate = fn.Decl.Parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                diagnostics.Error(Codes.DuplicateName, duplicate.Last().Span, $"parameter '{duplicate.Key}' of {fn.Name} is declared twice");
            }

            functions[fn.Name] = fn;
        }
    }

    private IEnumerable<Override> ScenarioOverrides(string? name, SourceFile root)
    {
        if (name is null)
        {
            return [];
        }

        var scenarios = trees.SelectMany(t => t.OfType<ScenarioDecl>()).ToList();
        foreach (var duplicate in scenarios.GroupBy(s => s.Name).Where(g => g.Count() > 1))
        {
            diagnostics.Error(Codes.DuplicateName, duplicate.Last().NameSpan, $"scenario {duplicate.Key} is declared twice; first at {duplicate.First().NameSpan}");
        }

        var chosen = scenarios.FirstOrDefault(s => s.Name == name);
        if (chosen is null)
        {
            var known = scenarios.Select(s => s.Name).Distinct().ToList();
            diagnostics.Error(Codes.UnknownScenario, null, $"--scenario {name}: the spec has no scenario of that name{NameSuggestions.Hint(name, known)} ({(known.Count == 0 ? "it has none" : "it has: " + string.Join(", ", known))})");
            return [];
        }

        return chosen.Settings.Select(s => new Override(s.Path, s.Value, s.Span) { Origin = OverrideOrigin.Scenario });
    }

    private void CompleteBlocks()
    {
        UnshareWhereDifferent();

        var done = new HashSet<BlockSymbol>();
        var clean = closures is null ? null : new List<BlockSymbol>();
        foreach (var block in values.Values.OfType<BlockSymbol>())
        {
            Complete(block, done, new DependencyPath<BlockSymbol>(), clean);
        }

        // Bases complete before the blocks that extend them, so a base is offered before a block that needs it shared.
        foreach (var block in clean ?? [])
        {
            if (!ReferenceEquals(block.NameSpan.File, trees[^1].File) && !binder!.SetsFieldsOf(block)
                && (block.Base is null || ReferenceEquals(closures!.CompletedBlock(block.Base.Decl), block.Base)))
            {
                closures!.ShareBlock(block);
            }
        }
    }

    /// <summary>
    /// Puts a fresh symbol in place of each shared complete block this program would complete otherwise: one whose
    /// fields (its own or inherited) an override sets, or whose base here is not the block it was completed on.
    /// </summary>
    private void UnshareWhereDifferent()
    {
        var kept = new Dictionary<BlockSymbol, bool>(ReferenceEqualityComparer.Instance);
        bool Keeps(BlockSymbol block)
        {
            if (!kept.TryGetValue(block, out var keep))
            {
                keep = block.IsComplete && !binder!.SetsFieldsOf(block) && (block.Decl.Base is not { } baseName
                    || (block.Base is { } done && ReferenceEquals(values.GetValueOrDefault(baseName), done) && Keeps(done)));
                kept[block] = keep;
            }

            return keep;
        }

        // The shared blocks this program took (a catalog's dozens), not all its names (a chain's thousands); one Declare refused as a duplicate is not its.
        foreach (var block in sharedBlocks.Where(b => ReferenceEquals(values.GetValueOrDefault(b.Name), b) && !Keeps(b)).ToList())
        {
            var fresh = new BlockSymbol(block.Decl);
            values[block.Name] = fresh;
            binder!.Replaced(block, fresh);
        }
    }

    /// <param name="clean">Where the blocks completed here without a diagnostic are listed, in the order completed; null: not listed.</param>
    private void Complete(BlockSymbol block, HashSet<BlockSymbol> done, DependencyPath<BlockSymbol> chain, List<BlockSymbol>? clean)
    {
        if (done.Contains(block))
        {
            return;
        }

        if (block.IsComplete)
        {
            // Shared by the pass, and kept by UnshareWhereDifferent: complete as this program would make it.
            done.Add(block);
            return;
        }

        var reported = diagnostics.Items.Count;

        // Not on the chain yet: the caller checked it, so entering always succeeds.
        chain.TryEnter(block, out _);

        BlockSymbol? baseBlock = null;
        if (block.Decl.Base is { } baseName)
        {
            var found = values.GetValueOrDefault(baseName);
            if (found is not BlockSymbol candidate)
            {
                var blocks = values.Values.OfType<BlockSymbol>().Select(b => b.Name);
                diagnostics.Error(Codes.BadExtends, block.Decl.BaseSpan, found is null
                    ? $"{block.Describe()} extends unknown block '{baseName}'{NameSuggestions.Hint(baseName, blocks)}"
                    : $"{block.Describe()} extends {found.Describe()}, which is not a block");
            }
            else if (candidate.Kind != block.Kind)
            {
                diagnostics.Error(Codes.BadExtends, block.Decl.BaseSpan, $"{block.Describe()} cannot extend {candidate.Describe()}: a block extends one of its own kind");
            }
            else if (chain.CycleTo(candidate) is { } cycle)
            {
                diagnostics.Error(Codes.BadExtends, block.Decl.BaseSpan, $"blocks extend each other in a cycle: {string.Join(" -> ", cycle.Append(candidate).Select(b => b.Name))}");
            }
            else
            {
                Complete(candidate, done, chain, clean);
                baseBlock = candidate;
            }
        }

        var merged = new List<FieldSymbol>(baseBlock?.Fields ?? []);
        var ownFields = new List<FieldSymbol>();
        foreach (var field in block.Decl.Fields)
        {
            var own = new FieldSymbol(field.Name, field.NameSpan, field.Value, block);
            ownFields.Add(own);
            var index = merged.FindIndex(f => f.Name == field.Name);
            if (index >= 0 && merged[index].DeclaredIn == block)
            {
                diagnostics.Error(Codes.DuplicateName, field.NameSpan, $"field '{field.Name}' is set twice in {block.Describe()}; first at {merged[index].NameSpan}");
            }
            else if (index >= 0)
            {
                merged[index] = own;
            }
            else
            {
                merged.Add(own);
            }
        }

        binder!.ApplyToFields(block, merged);
        block.Complete(baseBlock, merged, ownFields);
        done.Add(block);
        chain.Exit();
        if (diagnostics.Items.Count == reported)
        {
            clean?.Add(block);
        }
    }

    /// <summary>A let, block or unit named like a prefixed unit (GB, kWh) would make a name mean two things.</summary>
    private void CheckPrefixClashes()
    {
        var units = values.Values.OfType<UnitSymbol>().ToDictionary(u => u.Name, StringComparer.Ordinal);

        // Looked up from the units' side first (a few dozen units x ten prefixes), so that a program of
        // thousands of names pays for a clash only when one of its names is a prefixed unit name.
        if (!Prefixes.Binary.Concat(Prefixes.Decimal).Any(p => units.Keys.Any(u => values.ContainsKey(p.Symbol + u))))
        {
            return;
        }

        foreach (var symbol in values.Values)
        {
            if (Prefixes.Read<UnitSymbol>(symbol.Name, rest => units.GetValueOrDefault(rest), u => IsInformation(u, units)) is var (prefix, _, unit))
            {
                diagnostics.Error(Codes.PrefixClash, symbol.NameSpan, $"'{symbol.Name}' already means {prefix} + {unit.Name} (the unit {unit.Name} at {unit.NameSpan} with the prefix {prefix}); choose another name for this {symbol.Describe().Split(' ')[0]}");
            }
        }
    }

    // Binary prefixes apply to information units; at this stage units are not evaluated yet, so
    // follow the definition syntactically: B itself, or a unit defined from B (bit = B / 8).
    private static bool IsInformation(UnitSymbol unit, Dictionary<string, UnitSymbol> units) =>
        unit.Name == "B" || (unit.Decl.Definition is { } d && Mentions(d, "B"));

    private static bool Mentions(Expr expr, string name) => expr switch
    {
        NameExpr n => n.Name == name,
        BinaryExpr b => Mentions(b.Left, name) || Mentions(b.Right, name),
        ParenExpr p => Mentions(p.Inner, name),
        QuantityExpr q => q.Unit.Factors.Any(f => f.Name == name),
        _ => false,
    };

    /// <summary>Functions may not call themselves, directly or through others: every file terminates.</summary>
    private void CheckRecursion()
    {
        var calls = functions.Values.ToDictionary(f => f, f => Calls(f.Decl.Body).Select(functions.GetValueOrDefault).OfType<FnSymbol>().Distinct().ToList());
        var reported = new HashSet<FnSymbol>();
        var cyclic = DependencyGraph.NodesOnCycles(calls);
        foreach (var fn in functions.Values.Where(cyclic.Contains).OrderBy(f => f.NameSpan.File.Path, StringComparer.Ordinal).ThenBy(f => f.NameSpan.Start))
        {
            if (DependencyGraph.CycleThrough(fn, calls) is { } path && path.All(reported.Add))
            {
                var names = path.Append(fn).Select(f => f.Name);
                diagnostics.Error(Codes.Recursion, fn.NameSpan, $"functions may not be recursive: {string.Join(" -> ", names)}");
            }
        }
    }

    private static IEnumerable<string> Calls(Expr expr) => SyntaxWalker.Descendants(expr).OfType<CallExpr>().Select(c => c.Callee);
}
