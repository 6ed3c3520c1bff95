using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.LanguageServer.Analysis;

/// <summary>Finds the innermost name, call, unit or declaration name at an offset of a file; iterative, so deep expressions are safe.</summary>
public static class SyntaxLocator
{
    /// <summary>The hit at <paramref name="offset"/>, or just before it (the cursor right after a word).</summary>
    public static SyntaxHit? Find(SyntaxTree tree, int offset) => FindAt(tree, offset) ?? (offset > 0 ? FindAt(tree, offset - 1) : null);

    private static SyntaxHit? FindAt(SyntaxTree tree, int offset)
    {
        foreach (var declaration in tree.Declarations)
        {
            if (!Contains(declaration.Span, offset))
            {
                continue;
            }

            if (InDeclaration(declaration, offset) is { } hit)
            {
                return hit;
            }
        }

        return null;
    }

    private static SyntaxHit? InDeclaration(Decl declaration, int offset)
    {
        switch (declaration)
        {
            case ImportDecl import:
                return Contains(import.PathSpan, offset) ? new ImportHit(import) : null;
            case LetDecl let:
                return Contains(let.NameSpan, offset) ? new DeclarationHit(let, let.Name, let.NameSpan) : InExpression(let.Value, offset, null, null);
            case OutputDecl output:
                return Contains(output.NameSpan, offset) ? new DeclarationHit(output, output.Name, output.NameSpan)
                    : InUnit(output.Unit, offset, null, null) ?? (output.Value is { } value ? InExpression(value, offset, null, null) : null);
            case UnitDecl unit:
                return Contains(unit.NameSpan, offset) ? new DeclarationHit(unit, unit.Name, unit.NameSpan)
                    : unit.Definition is { } definition ? InExpression(definition, offset, null, null) : null;
            case FnDecl fn:
                if (Contains(fn.NameSpan, offset))
                {
                    return new DeclarationHit(fn, fn.Name, fn.NameSpan) { Function = fn };
                }

                return fn.Parameters.FirstOrDefault(p => Contains(p.Span, offset)) is { } parameter
                    ? new ParameterHit(fn, parameter) { Function = fn }
                    : InExpression(fn.Body, offset, null, fn);
            case BlockDecl block:
                if (Contains(block.NameSpan, offset))
                {
                    return new DeclarationHit(block, block.Name, block.NameSpan) { Block = block };
                }

                if (block.Base is { } baseName && block.BaseSpan is { } baseSpan && Contains(baseSpan, offset))
                {
                    return new BaseHit(block, baseName, baseSpan) { Block = block };
                }

                foreach (var field in block.Fields)
                {
                    if (Contains(field.NameSpan, offset))
                    {
                        return new FieldHit(block, field) { Block = block };
                    }

                    if (Contains(field.Value.Span, offset))
                    {
                        return InExpression(field.Value, offset, block, null);
                    }
                }

                return null;
            case AssertDecl assert:
                return InExpression(assert.Condition, offset, null, null);
            case ScenarioDecl scenario:
                return scenario.Settings.Where(s => Contains(s.Value.Span, offset)).Select(s => InExpression(s.Value, offset, null, null)).FirstOrDefault();
            case SweepDecl sweep:
                return InExpression(sweep.Values, offset, null, null);
            default:
                return null;
        }
    }

    private static SyntaxHit? InExpression(Expr root, int offset, BlockDecl? block, FnDecl? function)
    {
        if (!Contains(root.Span, offset))
        {
            return null;
        }

        var expr = root;
        while (true)
        {
            SyntaxHit? hit = expr switch
            {
                NameExpr name => new NameHit(name),
                MemberExpr member when Contains(member.MemberSpan, offset) => new MemberHit(member),
                CallExpr call when Contains(call.CalleeSpan, offset) => new CallHit(call),
                QuantityExpr quantity => InUnit(quantity.Unit, offset, block, function),
                ConvertExpr convert => InUnit(convert.Unit, offset, block, function),
                _ => null,
            };
            if (hit is not null)
            {
                return hit with { Block = block, Function = function };
            }

            var child = SyntaxWalker.Children(expr).FirstOrDefault(c => Contains(c.Span, offset));
            if (child is null)
            {
                return null;
            }

            expr = child;
        }
    }

    private static SyntaxHit? InUnit(UnitSyntax? unit, int offset, BlockDecl? block, FnDecl? function) =>
        unit?.Factors.FirstOrDefault(f => Contains(f.Span, offset)) is { } factor ? new UnitHit(factor) { Block = block, Function = function } : null;

    private static bool Contains(SourceSpan span, int offset) => offset >= span.Start && offset < span.End;
}
