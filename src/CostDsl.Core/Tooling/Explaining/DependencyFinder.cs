using CostDsl.Modules;
using CostDsl.Semantics;
using CostDsl.Syntax;

namespace CostDsl.Tooling.Explaining;

/// <summary>
/// Finds what an expression rests on, from the checker's bindings alone (nothing is evaluated). Inside a
/// function body the parameters are unknown, so only what the body reads from the program itself
/// counts, and the functions it calls are followed into.
/// </summary>
public sealed class DependencyFinder(CheckedProgram program)
{
    public IReadOnlyList<Dependency> Of(Expr expr, BlockSymbol? self)
    {
        var found = new List<Dependency>();
        Collect(expr, self, inFunction: false, found, []);
        return Distinct(found);
    }

    /// <summary>What a user function reads from the program, through the functions it calls.</summary>
    public IReadOnlyList<Dependency> OfFunction(FnSymbol fn)
    {
        var found = new List<Dependency>();
        Collect(fn.Decl.Body, null, inFunction: true, found, [fn]);
        return Distinct(found);
    }

    /// <summary>Is the expression a literal: a number, a quantity, negated, bracketed or converted?</summary>
    public static bool IsLiteral(Expr expr) => expr switch
    {
        NumberExpr or QuantityExpr => true,
        UnaryExpr { Op: UnaryOp.Negate } u => IsLiteral(u.Operand),
        ParenExpr p => IsLiteral(p.Inner),
        ConvertExpr c => IsLiteral(c.Value),
        _ => false,
    };

    /// <summary>The user-declared units a unit expression names: prefixed names and the prelude's units are not assumptions.</summary>
    public IEnumerable<UnitSymbol> UnitsOf(UnitSyntax unit) =>
        unit.Factors
            .Select(f => program.Model.Values.GetValueOrDefault(f.Name) as UnitSymbol)
            .OfType<UnitSymbol>()
            .Where(u => u.Decl.Definition is not null && u.Decl.Span.File.Path != BundledLibrary.Prelude);

    private void Collect(Expr root, BlockSymbol? self, bool inFunction, List<Dependency> found, HashSet<FnSymbol> functions)
    {
        var pending = new Stack<Expr>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var expr = pending.Pop();
            switch (expr)
            {
                case NumberExpr:
                    found.Add(new LiteralDependency(expr));
                    continue;
                case QuantityExpr q:
                    found.Add(new LiteralDependency(expr));
                    found.AddRange(UnitsOf(q.Unit).Select(u => new UnitDependency(u)));
                    continue;
                case NameExpr name:
                    switch (program.Bindings.GetValueOrDefault(name))
                    {
                        case LetBinding l:
                            found.Add(new LetDependency(l.Let));
                            break;
                        case SelfFieldBinding f when self is not null:
                            found.Add(new FieldDependency(self, f.Field));
                            break;
                        case BlockBinding b:
                            found.Add(new BlockDependency(b.Block));
                            break;
                        case UnitBinding when program.Model.Values.GetValueOrDefault(name.Name) is UnitSymbol unit:
                            found.AddRange(UnitsOfName(unit));
                            break;
                    }

                    continue;
                case MemberExpr { Target: NameExpr target } member when program.Bindings.GetValueOrDefault(target) is BlockBinding block:
                    found.Add(new FieldDependency(block.Block, member.Member));
                    continue;
                case CallExpr call when !inFunction:
                    found.Add(new CallDependency(call, self));
                    continue;
                case CallExpr call when program.Bindings.GetValueOrDefault(call) is CallBinding { User: { } fn } && functions.Add(fn):
                    Collect(fn.Decl.Body, null, inFunction: true, found, functions);
                    break;
                case ConvertExpr convert:
                    found.AddRange(UnitsOf(convert.Unit).Select(u => new UnitDependency(u)));
                    break;
            }

            // Children in reverse, so that they come off the stack in the order they are written.
            foreach (var child in SyntaxWalker.Children(expr).Reverse())
            {
                pending.Push(child);
            }
        }
    }

    private IEnumerable<Dependency> UnitsOfName(UnitSymbol unit) =>
        unit.Decl.Definition is not null && unit.Decl.Span.File.Path != BundledLibrary.Prelude ? [new UnitDependency(unit)] : [];

    private static List<Dependency> Distinct(List<Dependency> found)
    {
        var seen = new HashSet<object>();
        var result = new List<Dependency>();
        foreach (var dependency in found)
        {
            object key = dependency switch
            {
                LiteralDependency l => ("literal", l.Literal.Span.Text),
                CallDependency c => ("call", SyntaxDumpKey(c.Call)),
                _ => dependency,
            };
            if (seen.Add(key))
            {
                result.Add(dependency);
            }
        }

        return result;
    }

    private static string SyntaxDumpKey(CallExpr call) => Formatting.SyntaxDump.Of(call);
}
