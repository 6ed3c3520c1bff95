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

    /// <summary>The user-declared units a unit expression names, as the checker resolved them: prefixed names and the prelude's units are not assumptions.</summary>
    public IEnumerable<UnitSymbol> UnitsOf(UnitSyntax unit) => program.Dependencies.UnitsNamedIn(unit).Where(IsAssumption);

    /// <summary>A unit is an assumption when the spec defines it (an exchange rate); base units and the prelude's are not.</summary>
    public static bool IsAssumption(UnitSymbol unit) => unit.Decl.Definition is not null && unit.Decl.Span.File.Path != BundledLibrary.Prelude;

    private void Collect(Expr root, BlockSymbol? self, bool inFunction, List<Dependency> found, HashSet<FnSymbol> functions)
    {
        var direct = new DirectDependencies(this, program, self, inFunction, found, functions);
        SyntaxWalker.InWrittenOrder(root, expr => expr.Accept(direct));
    }

    /// <summary>
    /// Adds what one node rests on by itself, and says whether its children are to be read too (a
    /// name, a literal, a block's field or a call outside a function stands for its whole subtree).
    /// A visitor, so that a new kind of node must say what it rests on to compile.
    /// </summary>
    private sealed class DirectDependencies(DependencyFinder finder, CheckedProgram program, BlockSymbol? self, bool inFunction, List<Dependency> found, HashSet<FnSymbol> functions)
        : IExprVisitor<bool>
    {
        public bool VisitNumber(NumberExpr number)
        {
            found.Add(new LiteralDependency(number));
            return false;
        }

        public bool VisitQuantity(QuantityExpr quantity)
        {
            found.Add(new LiteralDependency(quantity));
            found.AddRange(finder.UnitsOf(quantity.Unit).Select(u => new UnitDependency(u)));
            return false;
        }

        public bool VisitName(NameExpr name)
        {
            switch (Reference.OfName(program.Bindings.GetValueOrDefault(name), self))
            {
                case LetReference l:
                    found.Add(new LetDependency(l.Let));
                    break;
                case FieldReference f:
                    found.Add(new FieldDependency(f.Block, f.Field));
                    break;
                case BlockReference b:
                    found.Add(new BlockDependency(b.Block));
                    break;
                case UnitReference u when IsAssumption(u.Unit):
                    found.Add(new UnitDependency(u.Unit));
                    break;
            }

            return false;
        }

        public bool VisitMember(MemberExpr member)
        {
            if (member.Target is NameExpr target && program.Bindings.GetValueOrDefault(target) is BlockBinding block)
            {
                found.Add(new FieldDependency(block.Block, member.Member));
                return false;
            }

            return true;
        }

        public bool VisitCall(CallExpr call)
        {
            if (!inFunction)
            {
                found.Add(new CallDependency(call, self));
                return false;
            }

            if (program.Bindings.GetValueOrDefault(call) is CallBinding { User: { } fn } && functions.Add(fn))
            {
                finder.Collect(fn.Decl.Body, null, inFunction: true, found, functions);
            }

            return true;
        }

        public bool VisitConvert(ConvertExpr convert)
        {
            found.AddRange(finder.UnitsOf(convert.Unit).Select(u => new UnitDependency(u)));
            return true;
        }

        public bool VisitList(ListExpr list) => true;

        public bool VisitParen(ParenExpr paren) => true;

        public bool VisitUnary(UnaryExpr unary) => true;

        public bool VisitBinary(BinaryExpr binary) => true;

        public bool VisitRange(RangeExpr range) => true;

        public bool VisitIf(IfExpr conditional) => true;
    }

    private static List<Dependency> Distinct(List<Dependency> found)
    {
        var seenLiterals = new HashSet<string>(StringComparer.Ordinal);
        var seenCalls = new HashSet<Expr>(SyntaxEquality.Expressions);
        var seen = new HashSet<Dependency>();
        var result = new List<Dependency>();
        foreach (var dependency in found)
        {
            var fresh = dependency switch
            {
                LiteralDependency l => seenLiterals.Add(l.Literal.Span.Text),
                CallDependency c => seenCalls.Add(c.Call),
                _ => seen.Add(dependency),
            };
            if (fresh)
            {
                result.Add(dependency);
            }
        }

        return result;
    }
}
