using System.Collections.Concurrent;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Semantics;

/// <summary>
/// How each imported file loaded, with everything its load loaded in turn, remembered for the specs
/// of one batch pass that load it again (issue 18: in a chain of 3,000 imports every spec resolved,
/// confined and looked up every file below it, once per spec above it). The assembler replays a
/// remembered load instead of resolving each import anew: the same trees in the same order, the same
/// lookups told to the provider in the same order (<see cref="Modules.SourceProvider.Replayed"/>).
/// </summary>
/// <remarks>
/// Valid only where every lookup gives the same answer for the whole pass: a provider hands one out
/// only with a pass's <see cref="Modules.ReadSnapshot"/>, which pins each file's text and where its
/// links lead, and one per confinement policy. Keyed by the imported <see cref="SourceFile"/> itself (a
/// snapshot gives one per file), never by a path. A load is remembered only when it reported nothing
/// and loaded nothing from outside itself but the units prelude (see <see cref="ProgramAssembler"/>),
/// and replayed only when none of its files is loaded yet: then the full load would do the same.
/// Safe to share between the threads of a pass; entries are immutable.
/// </remarks>
public sealed class ImportClosures
{
    private readonly ConcurrentDictionary<SourceFile, ImportedClosure> loads = new(ReferenceEqualityComparer.Instance);

    /// <summary>How many loads are remembered; a test reads it to see the memo used.</summary>
    public int Count => loads.Count;

    // An imported tree's symbols that every program may share (null where each program makes its own), by tree identity.
    private readonly ConcurrentDictionary<SyntaxTree, Symbol?[]> symbols = new(ReferenceEqualityComparer.Instance);

    // Blocks of imported trees completed by a program of the pass with nothing of its own in them (no override, a
    // base that is shared too, no diagnostic), by declaration identity: ProgramAssembler uses one where it would
    // complete the block the same way, and makes its own elsewhere.
    private readonly ConcurrentDictionary<BlockDecl, BlockSymbol> blocks = new(ReferenceEqualityComparer.Instance);

    internal ImportedClosure? Find(SourceFile file) => loads.GetValueOrDefault(file);

    /// <summary>The block of <paramref name="declaration"/> as a program of the pass completed it, if one shared it.</summary>
    internal BlockSymbol? CompletedBlock(BlockDecl declaration) => blocks.GetValueOrDefault(declaration);

    /// <summary>Offers a complete block to the other programs of the pass; the first one offered for a declaration stays.</summary>
    internal void ShareBlock(BlockSymbol block) => blocks.TryAdd(block.Decl, block);

    /// <summary>The symbols of <paramref name="tree"/>'s declarations, one per declaration, made by <paramref name="make"/> once for the pass.</summary>
    internal Symbol?[] SymbolsOf(SyntaxTree tree, Func<SyntaxTree, Symbol?[]> make) => symbols.GetOrAdd(tree, make);

    internal void Remember(ImportedClosure closure) => loads.TryAdd(closure.File, closure);
}
