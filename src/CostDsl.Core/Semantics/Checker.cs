using System.Collections.Frozen;
using System.Collections.Immutable;
using CostDsl.Diagnostics;
using CostDsl.Functions;
using CostDsl.Syntax;
using CostDsl.Text;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>
/// The resolver pass: binds every name and call, resolves every unit, computes the dimension of
/// every expression and reports each mismatch at its operator, naming both sides in units. Every
/// declaration is checked, used or not, so that all errors of a file come out in one run.
/// </summary>
public sealed class Checker
{
    /// <summary>Deeper expressions than this are refused before any recursive pass walks them.</summary>
    public const int MaxExpressionDepth = 50_000;

    private readonly ProgramModel model;
    private readonly DiagnosticBag diagnostics;
    private readonly Dictionary<Expr, Binding> bindings = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<UnitSyntax, Unit> unitSyntax = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<UnitSymbol, Unit?> units = [];
    private readonly Dictionary<LetSymbol, StaticType> letTypes = [];
    private readonly Dictionary<(BlockSymbol Block, string Field), StaticType> fieldTypes = [];
    private readonly Dictionary<(FnSymbol Fn, string Arguments), StaticType> callTypes = [];
    private readonly List<object> inProgress = [];

    // The lets, fields and functions of inProgress as a set: a chain of 20,000 functions must not scan the list at every step.
    private readonly HashSet<object> active = [];
    private readonly HashSet<object> cycleReported = [];
    private readonly HashSet<Expr> tooDeep = new(ReferenceEqualityComparer.Instance);

    private readonly CancellationToken cancellation;
    private Advice.NameHints? nameHints;

    private Checker(ProgramModel model, DiagnosticBag diagnostics, CancellationToken cancellation)
    {
        this.model = model;
        this.diagnostics = diagnostics;
        this.cancellation = cancellation;
    }

    public static CheckedProgram Check(ProgramModel model, DiagnosticBag diagnostics, CancellationToken cancellation = default, IReadOnlyList<SweepDecl>? extraSweeps = null) =>
        new Checker(model, diagnostics, cancellation).Run(extraSweeps ?? []);

    /// <summary>Where an expression is checked: inside a function (its parameters' types) and/or a block.</summary>
    private sealed record Scope(FnSymbol? Fn, IReadOnlyList<StaticType> Arguments, BlockSymbol? Self)
    {
        public static readonly Scope Global = new(null, [], null);
    }

    private CheckedProgram Run(IReadOnlyList<SweepDecl> extraSweeps)
    {
        foreach (var unit in model.Units.OrderBy(u => u.NameSpan.File.Path, StringComparer.Ordinal).ThenBy(u => u.NameSpan.Start))
        {
            ResolveUnitSymbol(unit);
        }

        foreach (var let in model.Lets)
        {
            TypeOfLet(let);
        }

        foreach (var block in model.Blocks)
        {
            foreach (var field in block.Fields)
            {
                CheckKnownField(block, field, TypeOfField(block, field.Name, field.NameSpan));
            }
        }

        foreach (var fn in model.Functions.Values)
        {
            // Checked once with unknown argument types, so that names in a function nobody calls are bound too.
            CheckTop(fn.Decl.Body, new Scope(fn, fn.Decl.Parameters.Select(_ => StaticType.Error).ToArray(), null));
        }

        var asserts = new List<AssertDecl>();
        foreach (var tree in model.Trees)
        {
            foreach (var assert in tree.OfType<AssertDecl>())
            {
                var type = CheckTop(assert.Condition, Scope.Global);
                if (type is not TruthType && !type.IsError)
                {
                    diagnostics.Error(Codes.TypeMismatch, assert.Condition.Span, $"an assert needs a condition (a comparison), not {Describe(type)}");
                }

                asserts.Add(assert);
            }
        }

        var outputs = CheckOutputs();
        var sweeps = CheckSweeps(extraSweeps);
        var table = new UnitTable(units.Values.OfType<Unit>());
        var uncertain = IsUncertain();
        return new CheckedProgram(
            model,
            table,
            bindings.ToFrozenDictionary(ReferenceEqualityComparer.Instance),
            unitSyntax.ToFrozenDictionary(ReferenceEqualityComparer.Instance),
            outputs,
            asserts,
            sweeps,
            uncertain,
            SamplingKeys.Compute(model, sweeps));
    }

    /// <summary>Whether anything in the program draws samples: a range or a distribution call.</summary>
    private bool IsUncertain()
    {
        var roots = model.Lets.Select(l => l.Value)
            .Concat(model.Blocks.SelectMany(b => b.Fields.Select(f => f.Value)))
            .Concat(model.Functions.Values.Select(f => f.Decl.Body))
            .Concat(model.Trees.SelectMany(t => t.OfType<AssertDecl>().Select(a => a.Condition)));
        return roots.Any(root => !tooDeep.Contains(root) && SyntaxWalker.Descendants(root).Any(e =>
            e is RangeExpr || (e is CallExpr && bindings.GetValueOrDefault(e) is CallBinding { Builtin.IsDistribution: true })));
    }

    private List<CheckedOutput> CheckOutputs()
    {
        var outputs = new List<CheckedOutput>();
        var declared = model.RootTree.OfType<OutputDecl>().ToList();
        if (declared.Count == 0)
        {
            // Without any output, every let of the root file is one.
            foreach (var decl in model.RootTree.OfType<LetDecl>())
            {
                if (model.Values.GetValueOrDefault(decl.Name) is LetSymbol { Decl: LetDecl own } let && own == decl)
                {
                    var converted = let.Value as ConvertExpr;
                    outputs.Add(new CheckedOutput(let.Name, decl.NameSpan, let, converted is null ? null : unitSyntax.GetValueOrDefault(converted.Unit), converted?.Unit.Text, TypeOfLet(let)));
                }
            }

            return outputs;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var output in declared)
        {
            if (model.Values.GetValueOrDefault(output.Name) is not LetSymbol symbol || (output.Value is not null && symbol.Decl != output))
            {
                if (output.Value is null)
                {
                    diagnostics.Error(Codes.OutputNotFound, output.NameSpan, $"output {output.Name} names no let; write 'output {output.Name} = expression'{NameSuggestions.Hint(output.Name, model.Lets.Select(l => l.Name))}");
                }

                // Otherwise the name is taken by another declaration, reported as a duplicate.
                continue;
            }

            var type = TypeOfLet(symbol);
            var unitText = (symbol.Value as ConvertExpr)?.Unit.Text;
            var unit = symbol.Value is ConvertExpr c ? unitSyntax.GetValueOrDefault(c.Unit) : null;
            if (output.Unit is { } wanted)
            {
                unit = ResolveUnitSyntax(wanted);
                unitText = wanted.Text;
                if (unit is not null && type is QuantityType q && q.Dimension != unit.Dimension)
                {
                    diagnostics.Error(Codes.ConversionMismatch, wanted.Span, $"cannot convert {Describe(symbol.Value, type)} to {wanted.Text} ({Arguments.Describe(unit.Dimension)})");
                }
            }

            if (type is BlockType or ListType)
            {
                diagnostics.Error(Codes.TypeMismatch, output.NameSpan, $"output {output.Name} is {Describe(type)}; an output must be a number or a condition");
                continue;
            }

            if (!names.Add(output.Name))
            {
                diagnostics.Error(Codes.DuplicateName, output.NameSpan, $"output {output.Name} is declared twice");
                continue;
            }

            outputs.Add(new CheckedOutput(output.Name, output.NameSpan, symbol, unit, unitText, type));
        }

        return outputs;
    }

    private List<CheckedSweep> CheckSweeps(IReadOnlyList<SweepDecl> extraSweeps)
    {
        var sweeps = new List<CheckedSweep>();
        foreach (var sweep in model.RootTree.OfType<SweepDecl>().Concat(extraSweeps))
        {
            var values = CheckTop(sweep.Values, Scope.Global);
            var symbol = model.Values.GetValueOrDefault(sweep.Path[0]);
            CheckedSweep? target = null;
            if (sweep.Path.Length == 1 && symbol is LetSymbol let)
            {
                target = new CheckedSweep(sweep, let, null, null, TypeOfLet(let));
            }
            else if (sweep.Path.Length == 2 && symbol is BlockSymbol block && block.Field(sweep.Path[1]) is { } field)
            {
                target = new CheckedSweep(sweep, null, block, field, TypeOfField(block, field.Name, sweep.PathSpan));
            }
            else
            {
                var known = model.Lets.Select(l => l.Name).Concat(model.Blocks.SelectMany(b => b.Fields.Select(f => $"{b.Name}.{f.Name}")));
                diagnostics.Error(Codes.UnknownName, Advice.CommandLineArgument.Locate(sweep.PathSpan), $"{(Advice.CommandLineArgument.IsArgument(sweep.PathSpan.File) ? "--" : string.Empty)}sweep {sweep.PathText}: no let or Block.field of that name{NameSuggestions.Hint(sweep.PathText, known)}");
                continue;
            }

            if (sweeps.Any(s => s.Path == target.Path))
            {
                diagnostics.Error(Codes.DuplicateName, sweep.PathSpan, $"{sweep.PathText} is swept twice");
                continue;
            }

            if (sweep.Values.Items.Length == 0)
            {
                diagnostics.Error(Codes.SyntaxError, sweep.Values.Span, $"sweep {sweep.PathText} needs at least one value");
                continue;
            }

            if (values is ListType list && !target.Type.IsError && !list.Element.IsError && !SameType(target.Type, list.Element))
            {
                diagnostics.Error(Codes.DimensionMismatch, sweep.Values.Span, $"sweep {sweep.PathText} is {Describe(target.Type)}, but its values are {Describe(list.Element)}");
                continue;
            }

            sweeps.Add(target with
            {
                Type = values is ListType { Element: var element } ? element : target.Type,
                Constants = FoldConstants(sweep.Values),
            });
        }

        return sweeps;
    }

    private double[]? FoldConstants(ListExpr list)
    {
        var values = new double[list.Items.Length];
        for (var i = 0; i < values.Length; i++)
        {
            switch (list.Items[i])
            {
                case NumberExpr n:
                    values[i] = n.Value;
                    break;
                case QuantityExpr q when unitSyntax.TryGetValue(q.Unit, out var unit):
                    values[i] = q.Number.Value * unit.Scale;
                    break;
                default:
                    return null;
            }
        }

        return values;
    }

    // ---- declarations -------------------------------------------------------------------------

    private StaticType TypeOfLet(LetSymbol let) =>
        Memoized(letTypes, let, let, let.Name, let.NameSpan, () => Advice.OverrideDimensions.Check(
            let.Name, (let.Decl as LetDecl)?.Value ?? (let.Decl as OutputDecl)?.Value, (let.Value, CheckTop(let.Value, Scope.Global)), e => CheckTop(e, Scope.Global), Describe, diagnostics));

    private StaticType TypeOfField(BlockSymbol block, string name, SourceSpan useSpan)
    {
        var field = block.Field(name);
        if (field is null)
        {
            return StaticType.Error;
        }

        return Memoized(fieldTypes, (block, name), (block, name), $"{block.Name}.{name}", field.NameSpan, () => Advice.OverrideDimensions.Check(
            $"{block.Name}.{name}", KnownFields.Find(block.Kind, name) is null ? field.Replaced : null, (field.Value, CheckTop(field.Value, new Scope(null, [], block))), e => CheckTop(e, new Scope(null, [], block)), Describe, diagnostics));
    }

    /// <summary>
    /// Computes a declaration's type once. A declaration met again while it is being computed is a
    /// cycle: the error names the whole cycle, once.
    /// </summary>
    private StaticType Memoized<TKey>(Dictionary<TKey, StaticType> memo, TKey key, object marker, string name, SourceSpan span, Func<StaticType> compute)
        where TKey : notnull
    {
        if (memo.TryGetValue(key, out var known))
        {
            return known;
        }

        var index = active.Contains(marker) ? inProgress.IndexOf(marker) : -1;
        if (index >= 0)
        {
            var cycle = inProgress.Skip(index).Select(NameOf).Append(name).ToList();
            if (inProgress.Skip(index).All(cycleReported.Add))
            {
                diagnostics.Error(Codes.DefinitionCycle, span, $"definitions depend on each other in a cycle: {string.Join(" -> ", cycle)}");
            }

            return StaticType.Error;
        }

        inProgress.Add(marker);
        active.Add(marker);
        var type = compute();
        inProgress.RemoveAt(inProgress.Count - 1);
        active.Remove(marker);
        memo[key] = type;
        return type;
    }

    private static string NameOf(object marker) => marker switch
    {
        LetSymbol let => let.Name,
        UnitSymbol unit => unit.Name,
        ValueTuple<BlockSymbol, string> field => $"{field.Item1.Name}.{field.Item2}",
        _ => marker.ToString() ?? "?",
    };

    /// <summary>Checks a declaration's expression, refusing one too deep for the recursive passes.</summary>
    private StaticType CheckTop(Expr expr, Scope scope)
    {
        cancellation.ThrowIfCancellationRequested();
        if (tooDeep.Contains(expr) || SyntaxWalker.Depth(expr) > MaxExpressionDepth)
        {
            if (tooDeep.Add(expr))
            {
                diagnostics.Error(Codes.TooDeep, expr.Span with { Length = 1 }, $"expression nested more than {MaxExpressionDepth} levels deep");
            }

            return StaticType.Error;
        }

        return CheckExpr(expr, scope);
    }

    private void CheckKnownField(BlockSymbol block, FieldSymbol field, StaticType type)
    {
        if (KnownFields.Find(block.Kind, field.Name) is not { } rule || type.IsError)
        {
            return;
        }

        if (type is not QuantityType q || !rule.Allowed.Contains(q.Dimension))
        {
            diagnostics.Error(Codes.FieldDimension, field.Value.Span, $"{block.Kind.ToString().ToLowerInvariant()} field '{field.Name}' must be {rule.Meaning}, but {block.Name}.{field.Name} is {Describe(field.Value, type)}");
        }
    }

    // ---- units --------------------------------------------------------------------------------

    private Unit? ResolveUnitSymbol(UnitSymbol symbol)
    {
        if (units.TryGetValue(symbol, out var known))
        {
            return known;
        }

        if (inProgress.Contains(symbol))
        {
            var cycle = inProgress.SkipWhile(m => m != (object)symbol).Select(NameOf).Append(symbol.Name);
            diagnostics.Error(Codes.DefinitionCycle, symbol.NameSpan, $"units are defined from each other in a cycle: {string.Join(" -> ", cycle)}");
            return null;
        }

        inProgress.Add(symbol);
        Unit? unit = null;
        if (symbol.Decl.Definition is not { } definition)
        {
            unit = new Unit(symbol.Name, 1, Dimension.Base(symbol.Name));
        }
        else if (ConstantValue(definition) is var (scale, dimension))
        {
            if (scale > 0 && double.IsFinite(scale))
            {
                unit = new Unit(symbol.Name, scale, dimension);
            }
            else
            {
                diagnostics.Error(Codes.UnitNotConstant, definition.Span, $"unit {symbol.Name} must be a positive, finite multiple of other units");
            }
        }

        inProgress.RemoveAt(inProgress.Count - 1);
        units[symbol] = unit;
        return unit;
    }

    /// <summary>A unit name, declared or prefixed (TFLOP, GiB); null (and an error) when there is none.</summary>
    private Unit? ResolveUnitName(string name, SourceSpan span)
    {
        var symbol = model.Values.GetValueOrDefault(name);
        if (symbol is UnitSymbol unitSymbol)
        {
            return ResolveUnitSymbol(unitSymbol);
        }

        if (symbol is not null)
        {
            diagnostics.Error(Codes.UnknownUnit, span, $"'{name}' is a {symbol.Describe().Split(' ')[0]}, not a unit; to multiply by it, write '* {name}'");
            return null;
        }

        if (FindPrefixedUnit(name) is { } prefixed)
        {
            return prefixed;
        }

        diagnostics.Error(Codes.UnknownUnit, span, $"unknown unit '{name}'{Advice.UnitSpellings.Hint(name, model.Units.Select(u => u.Name))}");
        return null;
    }

    private Unit? ResolveUnitSyntax(UnitSyntax syntax)
    {
        if (unitSyntax.TryGetValue(syntax, out var known))
        {
            return known;
        }

        var scale = 1.0;
        var dimension = Dimension.None;
        foreach (var factor in syntax.Factors)
        {
            if (ResolveUnitName(factor.Name, factor.Span) is not { } unit)
            {
                return null;
            }

            scale *= Math.Pow(unit.Scale, factor.Power);
            dimension *= unit.Dimension.Pow(factor.Power);
        }

        var resolved = new Unit(syntax.Text, scale, dimension);
        unitSyntax[syntax] = resolved;
        return resolved;
    }

    /// <summary>
    /// The value of a unit definition: numbers and units joined by * / + - and integer powers.
    /// Units are fixed before anything runs, so a definition may not use lets or fields.
    /// </summary>
    private (double Scale, Dimension Dimension)? ConstantValue(Expr expr)
    {
        switch (expr)
        {
            case NumberExpr n:
                return (n.Value, Dimension.None);
            case QuantityExpr q:
                return ResolveUnitSyntax(q.Unit) is { } u ? (q.Number.Value * u.Scale, u.Dimension) : null;
            case NameExpr name when model.Values.GetValueOrDefault(name.Name) is null or UnitSymbol:
                return ResolveUnitName(name.Name, name.Span) is { } unit ? (unit.Scale, unit.Dimension) : null;
            case ParenExpr p:
                return ConstantValue(p.Inner);
            case UnaryExpr { Op: UnaryOp.Negate } negation:
                return ConstantValue(negation.Operand) is var (v, d) ? (-v, d) : null;
            case BinaryExpr { Op: BinaryOp.Power } power when ConstantInteger(power.Right) is { } exponent:
                return ConstantValue(power.Left) is var (bv, bd) ? (Math.Pow(bv, exponent), bd.Pow(exponent)) : null;
            case BinaryExpr { Op: BinaryOp.Multiply or BinaryOp.Divide or BinaryOp.Add or BinaryOp.Subtract } b:
                if (ConstantValue(b.Left) is not var (l, ld) || ConstantValue(b.Right) is not var (r, rd))
                {
                    return null;
                }

                if (b.Op is BinaryOp.Add or BinaryOp.Subtract && ld != rd)
                {
                    diagnostics.Error(Codes.DimensionMismatch, b.OpSpan, $"cannot {(b.Op == BinaryOp.Add ? "add" : "subtract")} {Arguments.Describe(ld)} and {Arguments.Describe(rd)}");
                    return null;
                }

                return b.Op switch
                {
                    BinaryOp.Multiply => (l * r, ld * rd),
                    BinaryOp.Divide => (l / r, ld / rd),
                    BinaryOp.Add => (l + r, ld),
                    _ => (l - r, ld),
                };
            default:
                diagnostics.Error(Codes.UnitNotConstant, expr.Span, "a unit is defined from numbers and other units only (no lets, fields or functions)");
                return null;
        }
    }

    private static int? ConstantInteger(Expr expr) => expr switch
    {
        NumberExpr { IsPercent: false } n when n.Value == Math.Floor(n.Value) && Math.Abs(n.Value) <= 64 => (int)n.Value,
        UnaryExpr { Op: UnaryOp.Negate } u => -ConstantInteger(u.Operand),
        ParenExpr p => ConstantInteger(p.Inner),
        _ => null,
    };

    // ---- expressions --------------------------------------------------------------------------

    private StaticType CheckExpr(Expr expr, Scope scope) => expr switch
    {
        NumberExpr n => CheckNumber(n),
        QuantityExpr q => CheckNumber(q.Number).IsError ? StaticType.Error
            : ResolveUnitSyntax(q.Unit) is { } unit ? new QuantityType(unit.Dimension) : StaticType.Error,
        NameExpr name => CheckName(name, scope),
        MemberExpr member => CheckMember(member, scope),
        CallExpr call => CheckCall(call, scope),
        ListExpr list => CheckList(list, scope),
        ParenExpr paren => CheckExpr(paren.Inner, scope),
        UnaryExpr unary => CheckUnary(unary, scope),
        BinaryExpr binary => CheckBinary(binary, scope),
        RangeExpr range => CheckRange(range, scope),
        IfExpr conditional => CheckIf(conditional, scope),
        ConvertExpr convert => CheckConvert(convert, scope),
        _ => StaticType.Error,
    };

    private StaticType CheckNumber(NumberExpr number)
    {
        if (double.IsFinite(number.Value))
        {
            return StaticType.Number;
        }

        diagnostics.Error(Codes.InvalidNumber, number.Span, $"{number.Text} is too large for a double (the largest is about 1.8e308)");
        return StaticType.Error;
    }

    private StaticType CheckName(NameExpr name, Scope scope)
    {
        var binding = Bind(name, scope);
        return binding switch
        {
            ParameterBinding p => scope.Arguments.Count > p.Index ? scope.Arguments[p.Index] : StaticType.Error,
            SelfFieldBinding f => scope.Self is { } self ? TypeOfField(self, f.Field, name.Span) : StaticType.Error,
            LetBinding l => TypeOfLet(l.Let),
            BlockBinding b => new BlockType(b.Block),
            UnitBinding u => new QuantityType(u.Unit.Dimension),
            _ => StaticType.Error,
        };
    }

    private Binding? Bind(NameExpr name, Scope scope)
    {
        if (bindings.TryGetValue(name, out var known))
        {
            return known;
        }

        Binding? binding = null;
        if (scope.Fn is { } fn && fn.Decl.Parameters.Select(p => p.Name).ToList().IndexOf(name.Name) is >= 0 and var index)
        {
            binding = new ParameterBinding(index);
        }
        else if (scope.Self?.Field(name.Name) is not null)
        {
            binding = new SelfFieldBinding(name.Name);
        }
        else
        {
            switch (model.Values.GetValueOrDefault(name.Name))
            {
                case LetSymbol let:
                    binding = new LetBinding(let);
                    break;
                case BlockSymbol block:
                    binding = new BlockBinding(block);
                    break;
                case UnitSymbol unit:
                    binding = ResolveUnitSymbol(unit) is { } resolved ? new UnitBinding(resolved) : null;
                    break;
                default:
                    binding = FindPrefixedUnit(name.Name) is { } prefixed ? new UnitBinding(prefixed) : null;
                    if (binding is null)
                    {
                        ReportUnknownName(name, scope);
                    }

                    break;
            }
        }

        if (binding is not null)
        {
            bindings[name] = binding;
        }

        return binding;
    }

    private Unit? FindPrefixedUnit(string name)
    {
        foreach (var (prefix, factor, rest) in Prefixes.Splits(name))
        {
            if (model.Values.GetValueOrDefault(rest) is UnitSymbol symbol && ResolveUnitSymbol(symbol) is { } unit
                && (!Prefixes.IsBinary(prefix) || unit.Dimension == UnitTable.Information))
            {
                return new Unit(name, factor * unit.Scale, unit.Dimension);
            }
        }

        return null;
    }

    private void ReportUnknownName(NameExpr name, Scope scope)
    {
        var inScope = (scope.Fn?.Decl.Parameters.Select(p => p.Name) ?? []).Concat(scope.Self?.Fields.Select(f => f.Name) ?? []).ToList();
        var where = scope.Self is { } self ? $" in {self.Describe()}" : scope.Fn is { } fn ? $" in fn {fn.Name}" : string.Empty;
        var hint = (nameHints ??= new Advice.NameHints(model)).ForUnknownName(name.Name, inScope);
        if (hint.Length == 0 && model.Functions.ContainsKey(name.Name) || BuiltinLibrary.Find(name.Name) is not null)
        {
            hint = $"; {name.Name} is a function: call it, {name.Name}(...)";
        }

        diagnostics.Error(Codes.UnknownName, name.Span, $"unknown name '{name.Name}'{where}{hint}");
    }

    private StaticType CheckMember(MemberExpr member, Scope scope)
    {
        var target = CheckExpr(member.Target, scope);
        if (target.IsError)
        {
            return target;
        }

        if (target is not BlockType block)
        {
            diagnostics.Error(Codes.TypeMismatch, member.MemberSpan, $"only blocks have fields, but {Describe(member.Target, target)} has no field '{member.Member}'");
            return StaticType.Error;
        }

        if (block.Block.Field(member.Member) is null)
        {
            diagnostics.Error(Codes.UnknownField, member.MemberSpan, $"{block.Block.Describe()} has no field '{member.Member}'{NameSuggestions.Hint(member.Member, block.Block.Fields.Select(f => f.Name))}");
            return StaticType.Error;
        }

        return TypeOfField(block.Block, member.Member, member.MemberSpan);
    }

    private StaticType CheckList(ListExpr list, Scope scope)
    {
        var types = list.Items.Select(item => CheckExpr(item, scope)).ToList();
        var valid = types.Where(t => !t.IsError).ToList();
        if (valid.Count == 0)
        {
            return types.Count == 0 ? new ListType(StaticType.Error) : StaticType.Error;
        }

        for (var i = 0; i < types.Count; i++)
        {
            if (!types[i].IsError && !SameType(types[i], valid[0]))
            {
                diagnostics.Error(Codes.DimensionMismatch, list.Items[i].Span, $"list items must be alike, but this one is {Describe(list.Items[i], types[i])} and the first is {Describe(valid[0])}");
                return StaticType.Error;
            }
        }

        return new ListType(valid[0]);
    }

    private StaticType CheckUnary(UnaryExpr unary, Scope scope)
    {
        var operand = CheckExpr(unary.Operand, scope);
        if (operand.IsError)
        {
            return operand;
        }

        if (unary.Op == UnaryOp.Not)
        {
            return operand is TruthType ? operand : Mismatch(unary.OpSpan, $"'not' needs a condition, not {Describe(unary.Operand, operand)}");
        }

        return operand is QuantityType ? operand : Mismatch(unary.OpSpan, $"cannot negate {Describe(unary.Operand, operand)}");
    }

    private StaticType CheckBinary(BinaryExpr binary, Scope scope)
    {
        var left = CheckExpr(binary.Left, scope);
        var right = CheckExpr(binary.Right, scope);
        if (left.IsError || right.IsError)
        {
            return binary.Op is BinaryOp.And or BinaryOp.Or || OperatorText.IsComparison(binary.Op) ? StaticType.Truth : StaticType.Error;
        }

        switch (binary.Op)
        {
            case BinaryOp.And or BinaryOp.Or:
                return left is TruthType && right is TruthType
                    ? StaticType.Truth
                    : Mismatch(binary.OpSpan, $"'{OperatorText.Of(binary.Op)}' needs conditions on both sides, not {Describe(binary.Left, left)} and {Describe(binary.Right, right)}");
            case BinaryOp.Equal or BinaryOp.NotEqual when left is TruthType && right is TruthType:
                return StaticType.Truth;
        }

        if (left is not QuantityType l || right is not QuantityType r)
        {
            return Mismatch(binary.OpSpan, $"'{OperatorText.Of(binary.Op)}' needs numbers, not {Describe(binary.Left, left)} and {Describe(binary.Right, right)}");
        }

        switch (binary.Op)
        {
            case BinaryOp.Add or BinaryOp.Subtract:
                return l.Dimension == r.Dimension ? l : DimensionMismatch(binary, binary.Op == BinaryOp.Add ? "add" : "subtract", left, right);
            case BinaryOp.Multiply:
                return new QuantityType(l.Dimension * r.Dimension);
            case BinaryOp.Divide:
                return new QuantityType(l.Dimension / r.Dimension);
            case BinaryOp.Power:
                return CheckPower(binary, l, r);
            default:
                return l.Dimension == r.Dimension ? StaticType.Truth : DimensionMismatch(binary, "compare", left, right);
        }
    }

    private StaticType DimensionMismatch(BinaryExpr binary, string verb, StaticType left, StaticType right) =>
        Mismatch(binary.OpSpan, $"cannot {verb} {Describe(binary.Left, left)} and {Describe(binary.Right, right)}", Codes.DimensionMismatch);

    private StaticType CheckPower(BinaryExpr power, QuantityType b, QuantityType exponent)
    {
        if (!exponent.Dimension.IsNone)
        {
            return Mismatch(power.OpSpan, $"an exponent must be a plain number, not {Describe(power.Right, exponent)}", Codes.BadExponent);
        }

        if (b.Dimension.IsNone)
        {
            return b;
        }

        return ConstantInteger(power.Right) is { } n
            ? new QuantityType(b.Dimension.Pow(n))
            : Mismatch(power.OpSpan, $"{Describe(power.Left, b)} can only be raised to a whole number written out (x^2, x^-1), so that its unit is known", Codes.BadExponent);
    }

    private StaticType CheckRange(RangeExpr range, Scope scope)
    {
        var low = CheckExpr(range.Low, scope);
        var high = CheckExpr(range.High, scope);
        if (low.IsError || high.IsError)
        {
            return StaticType.Error;
        }

        if (low is QuantityType l && high is QuantityType h)
        {
            return l.Dimension == h.Dimension
                ? l
                : Mismatch(range.OpSpan, $"the ends of a range must be alike: {Describe(range.Low, low)} to {Describe(range.High, high)}", Codes.DimensionMismatch);
        }

        return Mismatch(range.OpSpan, $"a range needs numbers at both ends, not {Describe(range.Low, low)} and {Describe(range.High, high)}");
    }

    private StaticType CheckIf(IfExpr conditional, Scope scope)
    {
        var condition = CheckExpr(conditional.Condition, scope);
        var whenTrue = CheckExpr(conditional.Then, scope);
        var whenFalse = CheckExpr(conditional.Else, scope);
        if (condition is not TruthType && !condition.IsError)
        {
            diagnostics.Error(Codes.TypeMismatch, conditional.Condition.Span, $"'if' needs a condition, not {Describe(conditional.Condition, condition)}");
        }

        if (whenTrue.IsError || whenFalse.IsError)
        {
            return whenTrue.IsError ? whenFalse : whenTrue;
        }

        return SameType(whenTrue, whenFalse)
            ? whenTrue
            : Mismatch(conditional.Else.Span, $"both branches of 'if' must be alike, but 'then' gives {Describe(conditional.Then, whenTrue)} and 'else' gives {Describe(conditional.Else, whenFalse)}", Codes.DimensionMismatch);
    }

    private StaticType CheckConvert(ConvertExpr convert, Scope scope)
    {
        var value = CheckExpr(convert.Value, scope);
        var unit = ResolveUnitSyntax(convert.Unit);
        if (value.IsError || unit is null)
        {
            return unit is null ? StaticType.Error : new QuantityType(unit.Dimension);
        }

        if (value is not QuantityType q || q.Dimension != unit.Dimension)
        {
            return Mismatch(convert.Unit.Span, $"cannot convert {Describe(convert.Value, value)} to {convert.Unit.Text} ({Arguments.Describe(unit.Dimension)})", Codes.ConversionMismatch);
        }

        return value;
    }

    // ---- calls --------------------------------------------------------------------------------

    private StaticType CheckCall(CallExpr call, Scope scope)
    {
        var argumentTypes = call.Arguments.Select(a => CheckExpr(a.Value, scope)).ToList();
        if (model.Functions.GetValueOrDefault(call.Callee) is { } fn)
        {
            var order = OrderArguments(call, fn.Decl.Parameters.Select(p => p.Name).ToList(), null);
            if (order is null)
            {
                return StaticType.Error;
            }

            bindings[call] = new CallBinding(fn, null, order.Value);
            var ordered = order.Value.Select(i => argumentTypes[i]).ToList();
            return CheckUserCall(fn, ordered);
        }

        if (BuiltinLibrary.Find(call.Callee) is not { } builtin)
        {
            var names = model.Functions.Keys.Concat(BuiltinLibrary.All.Select(f => f.Name));
            diagnostics.Error(Codes.UnknownFunction, call.CalleeSpan, $"unknown function '{call.Callee}'{NameSuggestions.Hint(call.Callee, names)}");
            return StaticType.Error;
        }

        if (builtin.Variadic)
        {
            return CheckVariadic(call, builtin, argumentTypes);
        }

        var builtinOrder = OrderArguments(call, builtin.Parameters.Select(p => p.Name).ToList(), builtin);
        if (builtinOrder is null)
        {
            return StaticType.Error;
        }

        bindings[call] = new CallBinding(null, builtin, builtinOrder.Value);
        var types = new List<StaticType>();
        var valid = true;
        for (var p = 0; p < builtin.Parameters.Length; p++)
        {
            var index = builtinOrder.Value[p];
            var parameter = builtin.Parameters[p];
            if (index < 0)
            {
                types.Add(parameter.Default is { } fallback ? new QuantityType(fallback.Dimension) : StaticType.Absent);
                continue;
            }

            var type = argumentTypes[index];
            types.Add(type);
            valid &= type.IsError || CheckArgument(call, builtin, parameter, call.Arguments[index], type);
            valid &= !type.IsError;
        }

        return valid ? builtin.ResultType(types, new CallCheck(this, call)) : StaticType.Error;
    }

    private StaticType CheckVariadic(CallExpr call, BuiltinFunction builtin, List<StaticType> argumentTypes)
    {
        bindings[call] = new CallBinding(null, builtin, [.. Enumerable.Range(0, call.Arguments.Length)]);
        if (argumentTypes is [ListType list])
        {
            // An empty list gives nothing to combine: min([]) is "needs at least one argument", below.
            argumentTypes = call.Arguments[0].Value is ListExpr { Items.Length: 0 } ? [] : [list.Element];
        }

        if (argumentTypes.Count == 0)
        {
            diagnostics.Error(Codes.ArgumentCount, call.Span, $"{call.Callee} needs at least one argument");
            return StaticType.Error;
        }

        if (call.Arguments.FirstOrDefault(a => a.Name is not null) is { } named)
        {
            diagnostics.Error(Codes.ArgumentCount, named.Span, $"{call.Callee} takes its arguments by position only");
            return StaticType.Error;
        }

        if (argumentTypes.Any(t => t.IsError))
        {
            return StaticType.Error;
        }

        for (var i = 0; i < argumentTypes.Count; i++)
        {
            if (argumentTypes[i] is not QuantityType || !SameType(argumentTypes[i], argumentTypes[0]))
            {
                var span = i < call.Arguments.Length ? call.Arguments[i].Span : call.Span;
                diagnostics.Error(Codes.ArgumentDimension, span, $"the arguments of {call.Callee} must be numbers of one dimension, but this is {Describe(argumentTypes[i])} and the first is {Describe(argumentTypes[0])}");
                return StaticType.Error;
            }
        }

        return builtin.ResultType(argumentTypes, new CallCheck(this, call));
    }

    private bool CheckArgument(CallExpr call, BuiltinFunction builtin, FunctionParameter parameter, Argument argument, StaticType type)
    {
        if (parameter.Block is { } kind)
        {
            if (type is BlockType block && block.Kind == kind)
            {
                return true;
            }

            diagnostics.Error(Codes.TypeMismatch, argument.Span, $"argument '{parameter.Name}' of {builtin.Name} must be a {kind.ToString().ToLowerInvariant()} block, not {Describe(argument.Value, type)}");
            return false;
        }

        if (parameter.Condition)
        {
            if (type is TruthType)
            {
                return true;
            }

            diagnostics.Error(Codes.TypeMismatch, argument.Span, $"argument '{parameter.Name}' of {builtin.Name} must be a condition (a comparison), not {Describe(argument.Value, type)}");
            return false;
        }

        if (type is not QuantityType q)
        {
            diagnostics.Error(Codes.TypeMismatch, argument.Span, $"argument '{parameter.Name}' of {builtin.Name} must be a number, not {Describe(argument.Value, type)}");
            return false;
        }

        if (parameter.Dimension is { } expected && q.Dimension != expected)
        {
            diagnostics.Error(Codes.ArgumentDimension, argument.Span, $"argument '{parameter.Name}' of {builtin.Name} must be in {Arguments.Describe(expected)}, but it is {Describe(argument.Value, type)}");
            return false;
        }

        return true;
    }

    /// <summary>Puts positional, then named, arguments in parameter order; null (and an error) when they do not fit.</summary>
    private ImmutableArray<int>? OrderArguments(CallExpr call, List<string> parameters, BuiltinFunction? builtin)
    {
        var order = Enumerable.Repeat(-1, parameters.Count).ToArray();
        var seenNamed = false;
        for (var i = 0; i < call.Arguments.Length; i++)
        {
            var argument = call.Arguments[i];
            int slot;
            if (argument.Name is { } name)
            {
                seenNamed = true;
                slot = parameters.IndexOf(name);
                if (slot < 0)
                {
                    diagnostics.Error(Codes.ArgumentCount, argument.Span, $"{call.Callee} has no parameter '{name}'{NameSuggestions.Hint(name, parameters)} (its parameters: {string.Join(", ", parameters)})");
                    return null;
                }
            }
            else if (seenNamed)
            {
                diagnostics.Error(Codes.ArgumentCount, argument.Span, "a positional argument cannot follow a named one");
                return null;
            }
            else
            {
                slot = i;
                if (slot >= parameters.Count)
                {
                    diagnostics.Error(Codes.ArgumentCount, argument.Span, $"{call.Callee} takes {parameters.Count} argument{(parameters.Count == 1 ? string.Empty : "s")} ({string.Join(", ", parameters)}), but is given {call.Arguments.Length}");
                    return null;
                }
            }

            if (order[slot] >= 0)
            {
                diagnostics.Error(Codes.ArgumentCount, argument.Span, $"parameter '{parameters[slot]}' of {call.Callee} is given twice");
                return null;
            }

            order[slot] = i;
        }

        for (var p = 0; p < parameters.Count; p++)
        {
            if (order[p] < 0 && builtin?.Parameters[p].MayBeLeftOut != true)
            {
                diagnostics.Error(Codes.ArgumentCount, call.Span, $"{call.Callee} needs argument '{parameters[p]}' ({string.Join(", ", parameters)})");
                return null;
            }
        }

        return [.. order];
    }

    private StaticType CheckUserCall(FnSymbol fn, List<StaticType> arguments)
    {
        if (arguments.Any(a => a.IsError))
        {
            return StaticType.Error;
        }

        var key = (fn, string.Join(";", arguments.Select(TypeKey)));
        if (callTypes.TryGetValue(key, out var known))
        {
            return known;
        }

        if (active.Contains(fn))
        {
            // Recursion: already reported where the functions are collected.
            return StaticType.Error;
        }

        inProgress.Add(fn);
        active.Add(fn);
        var type = CheckTop(fn.Decl.Body, new Scope(fn, arguments, null));
        inProgress.RemoveAt(inProgress.Count - 1);
        active.Remove(fn);
        callTypes[key] = type;
        return type;
    }

    private static string TypeKey(StaticType type) => type switch
    {
        QuantityType q => "q:" + q.Dimension,
        BlockType b => "b:" + b.Block.Name,
        ListType l => "l:" + TypeKey(l.Element),
        _ => type.GetType().Name,
    };

    private sealed class CallCheck(Checker checker, CallExpr call) : ICheckContext
    {
        public StaticType? FieldType(BlockSymbol block, string field) =>
            block.Field(field) is null ? null : checker.TypeOfField(block, field, call.Span);

        public void Error(DiagnosticCode code, string message) => checker.diagnostics.Error(code, call.CalleeSpan, message);
    }

    // ---- messages -----------------------------------------------------------------------------

    private StaticType Mismatch(SourceSpan span, string message, DiagnosticCode? code = null)
    {
        diagnostics.Error(code ?? Codes.TypeMismatch, span, message);
        return StaticType.Error;
    }

    private static bool SameType(StaticType a, StaticType b) => a switch
    {
        QuantityType qa => b is QuantityType qb && qa.Dimension == qb.Dimension,
        BlockType ba => b is BlockType bb && ba.Kind == bb.Kind,
        ListType la => b is ListType lb && SameType(la.Element, lb.Element),
        _ => a.GetType() == b.GetType(),
    };

    private static string Describe(StaticType type) => type switch
    {
        QuantityType q => Arguments.Describe(q.Dimension),
        TruthType => "a condition",
        BlockType b => $"the {b.Block.Describe()}",
        ListType => "a list",
        _ => "an invalid value",
    };

    /// <summary>
    /// Names a side of an operation in the unit the user wrote when there is one (19.5 TFLOP/s is
    /// "TFLOP/s", A100.memory is "GB"), else in base units.
    /// </summary>
    private string Describe(Expr expr, StaticType type) =>
        type is QuantityType { Dimension.IsNone: false } && WrittenUnit(expr, 0) is { } written ? written : Describe(type);

    private string? WrittenUnit(Expr expr, int depth)
    {
        if (depth > 8)
        {
            return null;
        }

        return expr switch
        {
            QuantityExpr q => q.Unit.Text,
            ConvertExpr c => c.Unit.Text,
            ParenExpr p => WrittenUnit(p.Inner, depth + 1),
            UnaryExpr u => WrittenUnit(u.Operand, depth + 1),
            NameExpr n when bindings.GetValueOrDefault(n) is LetBinding l => WrittenUnit(l.Let.Value, depth + 1),
            NameExpr n when bindings.GetValueOrDefault(n) is UnitBinding u => u.Unit.Name,
            MemberExpr { Target: NameExpr t } m when bindings.GetValueOrDefault(t) is BlockBinding b && b.Block.Field(m.Member) is { } f => WrittenUnit(f.Value, depth + 1),
            _ => null,
        };
    }
}
