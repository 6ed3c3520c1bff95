using System.Collections.Immutable;
using CostDsl.Syntax;

namespace CostDsl.Semantics;

/// <summary>
/// The dependency map (<see cref="DeclarationDependencies"/>): read off the bindings this checker made,
/// once, after every declaration is bound, so that tools never bind a name again.
/// </summary>
public sealed partial class Checker
{
    // The declared units each written unit names, recorded while it is resolved (ResolveUnitSyntax).
    private readonly Dictionary<UnitSyntax, ImmutableArray<UnitSymbol>> unitsNamed = new(ReferenceEqualityComparer.Instance);

    private DeclarationDependencies Dependencies()
    {
        // A declaration of a file checked only where reached has a map only if reached (it is bound only then).
        var lets = model.Lets.Where(l => !tooDeep.Contains(l.Value) && (!Skips(l) || letTypes.ContainsKey(l))).ToDictionary(l => l, l => References(l.Value, null));
        var fields = new Dictionary<(BlockSymbol, string), ImmutableArray<Reference>>();
        foreach (var block in model.Blocks.Where(b => !Skips(b) || reachedSeen.Contains(b)))
        {
            foreach (var field in block.Fields.Where(f => !tooDeep.Contains(f.Value)))
            {
                fields[(block, field.Name)] = References(field.Value, block);
            }
        }

        var functions = model.Functions.Values.Where(f => !tooDeep.Contains(f.Decl.Body) && (!Skips(f) || reachedSeen.Contains(f))).ToDictionary(f => f, f => References(f.Decl.Body, null));
        return new DeclarationDependencies(
            lets,
            fields,
            functions,
            unitsNamed);
    }

    /// <summary>What one expression reads directly, in the order written; <paramref name="self"/> is the block a bare field name is read from.</summary>
    private ImmutableArray<Reference> References(Expr root, BlockSymbol? self)
    {
        var found = new List<Reference>();
        SyntaxWalker.InWrittenOrder(root, expr => Read(expr, self, found));
        return [.. found.Distinct()];
    }

    /// <summary>Adds what one node reads by itself; false when the node stands for its whole subtree (a name, a block's field).</summary>
    private bool Read(Expr expr, BlockSymbol? self, List<Reference> found)
    {
        switch (expr)
        {
            case NameExpr name:
                if (Reference.OfName(bindings.GetValueOrDefault(name), self) is { } reference)
                {
                    found.Add(reference);
                }

                return false;
            case MemberExpr { Target: NameExpr target } member when bindings.GetValueOrDefault(target) is BlockBinding block:
                found.Add(new FieldReference(block.Block, member.Member));
                return false;
            case QuantityExpr quantity:
                found.AddRange(unitsNamed.GetValueOrDefault(quantity.Unit, []).Select(u => new UnitReference(u)));
                return false;
            case ConvertExpr convert:
                found.AddRange(unitsNamed.GetValueOrDefault(convert.Unit, []).Select(u => new UnitReference(u)));
                return true;
            case CallExpr call when bindings.GetValueOrDefault(call) is CallBinding { User: { } fn }:
                found.Add(new FunctionReference(fn));
                return true;
            default:
                return true;
        }
    }
}
