using System.Collections.Immutable;

namespace CostDsl.Semantics;

/// <summary>
/// What each let (and output), block field and user function reads directly, in the order it is
/// written (a conversion's unit before the value it converts, as explain shows them), each thing
/// once: filled by the checker from its own bindings (<see cref="Checker"/>), so tools follow a
/// derivation without binding names again. A field is keyed by the block it is read through: an
/// inherited field's bare names are that block's fields.
/// </summary>
public sealed class DeclarationDependencies
{
    public static readonly DeclarationDependencies Empty = new(
        new Dictionary<LetSymbol, ImmutableArray<Reference>>(),
        new Dictionary<(BlockSymbol, string), ImmutableArray<Reference>>(),
        new Dictionary<FnSymbol, ImmutableArray<Reference>>(),
        new Dictionary<Syntax.UnitSyntax, ImmutableArray<UnitSymbol>>());

    private readonly IReadOnlyDictionary<LetSymbol, ImmutableArray<Reference>> lets;
    private readonly IReadOnlyDictionary<(BlockSymbol, string), ImmutableArray<Reference>> fields;
    private readonly IReadOnlyDictionary<FnSymbol, ImmutableArray<Reference>> functions;
    private readonly IReadOnlyDictionary<Syntax.UnitSyntax, ImmutableArray<UnitSymbol>> unitsNamed;

    internal DeclarationDependencies(
        IReadOnlyDictionary<LetSymbol, ImmutableArray<Reference>> lets,
        IReadOnlyDictionary<(BlockSymbol, string), ImmutableArray<Reference>> fields,
        IReadOnlyDictionary<FnSymbol, ImmutableArray<Reference>> functions,
        IReadOnlyDictionary<Syntax.UnitSyntax, ImmutableArray<UnitSymbol>> unitsNamed)
    {
        this.lets = lets;
        this.fields = fields;
        this.functions = functions;
        this.unitsNamed = unitsNamed;
    }

    public ImmutableArray<Reference> Of(LetSymbol let) => lets.GetValueOrDefault(let, []);

    public ImmutableArray<Reference> Of(BlockSymbol block, string field) => fields.GetValueOrDefault((block, field), []);

    public ImmutableArray<Reference> Of(FnSymbol function) => functions.GetValueOrDefault(function, []);

    /// <summary>The declared units a written unit names, in order (a prefixed name such as GiB names none).</summary>
    public ImmutableArray<UnitSymbol> UnitsNamedIn(Syntax.UnitSyntax unit) => unitsNamed.GetValueOrDefault(unit, []);
}
