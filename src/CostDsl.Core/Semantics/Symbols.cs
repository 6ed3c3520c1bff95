using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Semantics;

/// <summary>A declared name: a let, block, unit or function.</summary>
public abstract class Symbol(string name, SourceSpan nameSpan)
{
    public string Name { get; } = name;

    public SourceSpan NameSpan { get; } = nameSpan;

    /// <summary>How the symbol is called in messages: "let rps", "hardware A100".</summary>
    public abstract string Describe();
}

/// <summary>A named value: a <c>let</c>, or an <c>output NAME = expr</c> (which other expressions may use too).</summary>
public sealed class LetSymbol(Decl decl, string name, SourceSpan nameSpan, Expr value) : Symbol(name, nameSpan)
{
    public LetSymbol(LetDecl let)
        : this(let, let.Name, let.NameSpan, let.Value)
    {
    }

    public LetSymbol(OutputDecl output, Expr value)
        : this(output, output.Name, output.NameSpan, value)
    {
    }

    /// <summary>The declaration: a <see cref="LetDecl"/> or an <see cref="OutputDecl"/>.</summary>
    public Decl Decl { get; } = decl;

    public bool IsOutput => Decl is OutputDecl;

    /// <summary>The value expression: the declaration's, or a --set override.</summary>
    public Expr Value { get; } = value;

    /// <summary>The spec's value a --set or scenario setting replaced, if any (Advice.OverrideDimensions).</summary>
    public Expr? Replaced { get; private init; }

    /// <summary>The let with <paramref name="newValue"/> in place of its value (an override; <see cref="OverrideBinder"/>).</summary>
    public LetSymbol WithValue(Expr newValue) => new(Decl, Name, NameSpan, newValue) { Replaced = Replaced ?? Value };

    public override string Describe() => $"{(IsOutput ? "output" : "let")} {Name}";
}

public sealed class UnitSymbol(UnitDecl decl) : Symbol(decl.Name, decl.NameSpan)
{
    public UnitDecl Decl { get; } = decl;

    public override string Describe() => $"unit {Name}";
}

public sealed class FnSymbol(FnDecl decl) : Symbol(decl.Name, decl.NameSpan)
{
    public FnDecl Decl { get; } = decl;

    public override string Describe() => $"fn {Name}";
}

/// <summary>A field as a block sees it: declared there, inherited through <c>extends</c>, or set on the command line.</summary>
public sealed record FieldSymbol(string Name, SourceSpan NameSpan, Expr Value, BlockSymbol DeclaredIn)
{
    /// <summary>The spec's value this field's --set or scenario setting replaced, if any (Advice.OverrideDimensions).</summary>
    public Expr? Replaced { get; init; }
}

public sealed class BlockSymbol(BlockDecl decl) : Symbol(decl.Name, decl.NameSpan)
{
    // A plain dictionary, not a frozen one: a program completes the blocks it loads (a catalog's dozens, once per
    // batch pass where shared), and building a frozen dictionary of a dozen fields cost more than its lookups served.
    private Dictionary<string, FieldSymbol> fields = new(StringComparer.Ordinal);

    public BlockDecl Decl { get; } = decl;

    public BlockKind Kind => Decl.Kind;

    public BlockSymbol? Base { get; private set; }

    /// <summary>Every field, inherited ones first, in declaration order.</summary>
    public IReadOnlyList<FieldSymbol> Fields { get; private set; } = [];

    /// <summary>The fields its own declaration sets, as written there (no --set, nothing inherited): what a diff compares.</summary>
    public IReadOnlyList<FieldSymbol> OwnFields { get; private set; } = [];

    public FieldSymbol? Field(string name) => fields.GetValueOrDefault(name);

    /// <summary>Whether <see cref="Complete"/> ran: a block a batch pass shares between programs (<see cref="ImportClosures"/>) arrives complete.</summary>
    internal bool IsComplete { get; private set; }

    public override string Describe() => $"{Kind.ToString().ToLowerInvariant()} {Name}";

    /// <summary>Set once, while the program is assembled; the symbol is read-only afterwards.</summary>
    internal void Complete(BlockSymbol? baseBlock, IReadOnlyList<FieldSymbol> allFields, IReadOnlyList<FieldSymbol> ownFields)
    {
        Base = baseBlock;
        Fields = allFields;
        OwnFields = ownFields;
        fields = new Dictionary<string, FieldSymbol>(allFields.Count, StringComparer.Ordinal);
        foreach (var field in allFields)
        {
            fields[field.Name] = field;
        }

        IsComplete = true;
    }
}
