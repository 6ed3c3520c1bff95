using CostDsl.Syntax;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>An output as it goes into the JSON: the named value it shows, and the unit it is shown in.</summary>
public sealed record CheckedOutput(string Name, Text.SourceSpan NameSpan, LetSymbol Value, Unit? DisplayUnit, string? UnitText, StaticType Type)
{
    /// <summary>The unit its expression was written in (<see cref="WrittenUnits"/>), for people; never for the JSON.</summary>
    public Unit? WrittenUnit { get; init; }
}

/// <summary>
/// A program that passed the checker: every name bound, every unit resolved, every dimension
/// consistent. Immutable, so one checked program can be evaluated from many threads at once.
/// </summary>
public sealed class CheckedProgram
{
    private readonly IReadOnlyDictionary<Expr, Unit> declaredUnits;
    private readonly WrittenUnits writtenUnits;
    private readonly Lazy<DeclarationDependencies> dependencies = new(() => DeclarationDependencies.Empty);

    internal CheckedProgram(
        ProgramModel model,
        UnitTable units,
        IReadOnlyDictionary<Expr, Binding> bindings,
        IReadOnlyDictionary<UnitSyntax, Unit> unitSyntax,
        IReadOnlyList<CheckedOutput> outputs,
        IReadOnlyList<AssertDecl> asserts,
        IReadOnlyList<CheckedSweep> sweeps,
        bool isUncertain,
        IReadOnlyDictionary<Expr, Runtime.SamplingKey> samplingKeys,
        IReadOnlyDictionary<Expr, Unit>? declaredUnits = null)
    {
        this.declaredUnits = declaredUnits ?? new Dictionary<Expr, Unit>();
        writtenUnits = new WrittenUnits(bindings, unitSyntax);
        SamplingKeys = samplingKeys;
        IsUncertain = isUncertain;
        Model = model;
        Units = units;
        Bindings = bindings;
        UnitSyntax = unitSyntax;
        Outputs = outputs;
        Asserts = asserts;
        Sweeps = sweeps;
    }

    public ProgramModel Model { get; }

    public UnitTable Units { get; }

    /// <summary>Names and calls to what they mean, keyed by node identity.</summary>
    public IReadOnlyDictionary<Expr, Binding> Bindings { get; }

    /// <summary>Every unit written in the source (after a number or after <c>in</c>), resolved.</summary>
    public IReadOnlyDictionary<UnitSyntax, Unit> UnitSyntax { get; }

    public IReadOnlyList<CheckedOutput> Outputs { get; }

    public IReadOnlyList<AssertDecl> Asserts { get; }

    /// <summary>The sweeps of the root file and the command line, outermost first.</summary>
    public IReadOnlyList<CheckedSweep> Sweeps { get; }

    /// <summary>
    /// The sampling key of every range and call, computed once by the checker: a distribution's draws
    /// follow from the run's seed and this key (plus the call path inside a function), never from text.
    /// </summary>
    public IReadOnlyDictionary<Expr, Runtime.SamplingKey> SamplingKeys { get; }

    /// <summary>What each let, output, field and function reads directly, as the checker bound it.</summary>
    public DeclarationDependencies Dependencies => dependencies.Value;

    /// <summary>
    /// Made on first use (explain, diff): evaluating a spec never reads it, and for a spec of 100,000
    /// declarations it is a walk and a frozen map of each. Thread-safe, and the checker's state it reads
    /// is no longer written once the program is made.
    /// </summary>
    internal Func<DeclarationDependencies> DependenciesSource
    {
        init => dependencies = new Lazy<DeclarationDependencies>(value, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// The imported files known to check clean (<see cref="ModuleChecks"/>) whose declarations were checked
    /// only where reached; null when every declaration was checked. Passes that look at every declaration
    /// (plausibility) leave them out: what they would find there was found when the files were recorded.
    /// </summary>
    public IReadOnlySet<Text.SourceFile>? CheckedWhereReached { get; internal init; }

    /// <summary>True when something in the program is uncertain, so it is evaluated by Monte Carlo.</summary>
    public bool IsUncertain { get; }

    /// <summary>
    /// The unit <paramref name="expr"/> was written in, if it has <paramref name="dimension"/>: stored by
    /// the checker for every let and field value, found by the same rule (<see cref="WrittenUnits"/>) for
    /// a part of one.
    /// </summary>
    public Unit? WrittenUnit(Expr expr, Dimension dimension) =>
        declaredUnits.TryGetValue(expr, out var unit) ? (unit.Dimension == dimension ? unit : null) : writtenUnits.Of(expr, dimension);

    /// <summary>The unit written on this very value: a literal's, <c>in</c>'s, a percentage (see <see cref="WrittenUnits.OnLiteral"/>).</summary>
    public Unit? LiteralUnit(Expr expr) => writtenUnits.OnLiteral(expr);
}
