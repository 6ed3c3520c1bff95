using CostDsl.Diagnostics;
using CostDsl.Functions;
using CostDsl.Syntax;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>Names: each name bound to a parameter, a field of the enclosing block, a let, a block or a unit; members of blocks.</summary>
public sealed partial class Checker
{
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
                    Reach(let);
                    break;
                case BlockSymbol block:
                    binding = new BlockBinding(block);
                    Reach(block);
                    break;
                case UnitSymbol unit:
                    binding = ResolveUnitSymbol(unit) is { } resolved ? new UnitBinding(resolved, unit) : null;
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

    /// <summary>A prefixed unit (TFLOP, GiB) read on a declared unit, resolved; null when the name is none.</summary>
    private Unit? FindPrefixedUnit(string name) =>
        Prefixes.Read<Unit>(name, rest => model.Values.GetValueOrDefault(rest) is UnitSymbol symbol ? ResolveUnitSymbol(symbol) : null, u => u.Dimension == Prefixes.Information) is var (_, factor, unit)
            ? new Unit(name, factor * unit.Scale, unit.Dimension)
            : null;

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
}
