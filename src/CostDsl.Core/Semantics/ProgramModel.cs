using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Semantics;

/// <summary>
/// All files of a program, loaded and their declarations collected into one namespace:
/// the input of the checker. Read-only once assembled: ProgramAssembler completes each block
/// (<see cref="BlockSymbol.Complete"/>: its base and fields) before it hands the model out, and
/// nothing writes to it afterwards.
/// </summary>
public sealed class ProgramModel
{
    internal ProgramModel(
        SourceFile root,
        IReadOnlyList<SyntaxTree> trees,
        IReadOnlyDictionary<string, Symbol> values,
        IReadOnlyDictionary<string, FnSymbol> functions,
        IReadOnlyList<BoundOverride>? overrides = null)
    {
        Overrides = overrides ?? [];
        Root = root;
        Trees = trees;
        Values = values;
        Functions = functions;

        // Split once: the checker, the advice, the sampler and the module checks each ask for the lets or blocks of a
        // program several times, and a chain of thousands of imports made every such question a walk of every name.
        var lets = new List<LetSymbol>();
        var blocks = new List<BlockSymbol>();
        var units = new List<UnitSymbol>();
        foreach (var symbol in values.Values)
        {
            switch (symbol)
            {
                case LetSymbol let:
                    lets.Add(let);
                    break;
                case BlockSymbol block:
                    blocks.Add(block);
                    break;
                case UnitSymbol unit:
                    units.Add(unit);
                    break;
            }
        }

        Lets = lets;
        Blocks = blocks;
        Units = units;
    }

    public SourceFile Root { get; }

    /// <summary>Every loaded file, the prelude first and the root last.</summary>
    public IReadOnlyList<SyntaxTree> Trees { get; }

    /// <summary>Lets, blocks and units by name: one namespace for values.</summary>
    public IReadOnlyDictionary<string, Symbol> Values { get; }

    public IReadOnlyDictionary<string, FnSymbol> Functions { get; }

    /// <summary>
    /// Every override (<c>--set</c>, the scenario's settings, sweeps) bound to its target, in the order
    /// applied: a value's target already reads it in <see cref="Values"/>, a sweep is an axis the checker checks.
    /// </summary>
    public IReadOnlyList<BoundOverride> Overrides { get; }

    /// <summary>The override whose value <paramref name="let"/> reads, if its value was replaced (the last one applied).</summary>
    public Override? ValueOverrideOf(LetSymbol let) =>
        Overrides.LastOrDefault(o => o.Override.Replacement is ValueReplacement && ReferenceEquals(o.Let, let))?.Override;

    /// <summary>The override whose value <paramref name="field"/> reads (in its block and the blocks that inherit it), if any.</summary>
    public Override? ValueOverrideOf(FieldSymbol field) =>
        Overrides.LastOrDefault(o => o.Override.Replacement is ValueReplacement && ReferenceEquals(o.Field, field))?.Override;

    public SyntaxTree RootTree => Trees[^1];

    /// <summary>Each loaded tree's imports as resolved, in the order written (by tree identity); read to fingerprint import closures (<see cref="ModuleChecks"/>).</summary>
    internal IReadOnlyDictionary<SyntaxTree, IReadOnlyList<SyntaxTree>> Imports { get; init; } = new Dictionary<SyntaxTree, IReadOnlyList<SyntaxTree>>();

    /// <summary>The tree parsed from <paramref name="file"/>; null for a file the program did not load (a --set argument).</summary>
    public SyntaxTree? TreeOf(SourceFile file) => Trees.FirstOrDefault(t => ReferenceEquals(t.File, file));

    /// <summary>The comments trailing the code on the lines of <paramref name="span"/>, from its file's tree (<see cref="SyntaxTree.CommentAfter"/>).</summary>
    public string? CommentAfter(SourceSpan span) => TreeOf(span.File)?.CommentAfter(span);

    /// <summary>The comment lines right above <paramref name="span"/>, from its file's tree (<see cref="SyntaxTree.CommentsAbove"/>).</summary>
    public string? CommentsAbove(SourceSpan span) => TreeOf(span.File)?.CommentsAbove(span);

    /// <summary>The units of <see cref="Values"/>, in its order.</summary>
    public IReadOnlyList<UnitSymbol> Units { get; }

    /// <summary>The blocks of <see cref="Values"/>, in its order.</summary>
    public IReadOnlyList<BlockSymbol> Blocks { get; }

    /// <summary>The lets (outputs among them) of <see cref="Values"/>, in its order.</summary>
    public IReadOnlyList<LetSymbol> Lets { get; }
}
