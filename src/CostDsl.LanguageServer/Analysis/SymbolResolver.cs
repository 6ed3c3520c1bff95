using CostDsl.Functions;
using CostDsl.Modules;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Units;

namespace CostDsl.LanguageServer.Analysis;

/// <summary>
/// Resolves a hit as the checker did: through the bindings side table when the checker bound the
/// node, else by the same scoping rules (parameter, then the block's own field, then the program's
/// names), so that a file with an error elsewhere still resolves what it can.
/// </summary>
public sealed class SymbolResolver(CheckedSpec spec, SourceProvider sources)
{
    private ProgramModel? Model => spec.Model;

    public Meaning? Resolve(SyntaxHit hit) => hit switch
    {
        NameHit name => Name(name),
        MemberHit member => Member(member.Member.Target, member.Member.Member),
        CallHit call => Call(call.Call),
        UnitHit unit => Unit(unit.Factor.Name),
        DeclarationHit declaration => Declaration(declaration),
        FieldHit field => Block(field.Owner.Name) is { } owner && owner.Field(field.Field.Name) is { } symbol ? new FieldMeaning(owner, symbol) : null,
        BaseHit baseHit => Block(baseHit.Base) is { } baseBlock ? new BlockMeaning(baseBlock) : null,
        ParameterHit parameter => new ParameterMeaning(parameter.Owner, parameter.Parameter),
        ImportHit import => Import(import.Import),
        _ => null,
    };

    public BlockSymbol? Block(string name) => Model?.Values.GetValueOrDefault(name) as BlockSymbol;

    private Meaning? Name(NameHit hit)
    {
        var bound = spec.Program?.Bindings.GetValueOrDefault(hit.Name);
        switch (bound)
        {
            case LetBinding let:
                return Let(let.Let);
            case BlockBinding block:
                return new BlockMeaning(block.Block);
            case UnitBinding unit:
                return Unit(hit.Name.Name) ?? new UnitMeaning(hit.Name.Name, unit.Unit, null);
            case ParameterBinding parameter when hit.Function is { } fn && parameter.Index < fn.Parameters.Length:
                return new ParameterMeaning(fn, fn.Parameters[parameter.Index]);
            case SelfFieldBinding self when hit.Block is { } owner && Block(owner.Name) is { } block && block.Field(self.Field) is { } field:
                return new FieldMeaning(block, field);
        }

        var name = hit.Name.Name;
        if (hit.Function?.Parameters.FirstOrDefault(p => p.Name == name) is { } declared)
        {
            return new ParameterMeaning(hit.Function, declared);
        }

        if (hit.Block is { } inside && Block(inside.Name) is { } own && own.Field(name) is { } ownField)
        {
            return new FieldMeaning(own, ownField);
        }

        return Model?.Values.GetValueOrDefault(name) switch
        {
            LetSymbol let => Let(let),
            BlockSymbol block => new BlockMeaning(block),
            UnitSymbol => Unit(name),
            _ => Unit(name) is { Unit: not null } unit ? unit : null,
        };
    }

    private Meaning? Member(Expr target, string member)
    {
        var block = target switch
        {
            NameExpr name when spec.Program?.Bindings.GetValueOrDefault(name) is BlockBinding bound => bound.Block,
            NameExpr name => Block(name.Name),
            _ => null,
        };
        return block?.Field(member) is { } field ? new FieldMeaning(block, field) : null;
    }

    private Meaning? Call(CallExpr call)
    {
        if (spec.Program?.Bindings.GetValueOrDefault(call) is CallBinding bound)
        {
            return bound.User is { } user ? new FunctionMeaning(user) : bound.Builtin is { } builtin ? new BuiltinMeaning(builtin) : null;
        }

        return Model?.Functions.GetValueOrDefault(call.Callee) is { } fn ? new FunctionMeaning(fn)
            : BuiltinLibrary.Find(call.Callee) is { } function ? new BuiltinMeaning(function)
            : null;
    }

    /// <summary>A unit by name; a prefixed one (TFLOP) points at the declaration of the unit it prefixes (FLOP).</summary>
    public UnitMeaning? Unit(string name)
    {
        var resolved = spec.Program?.Units.Find(name);
        var declaration = Model?.Values.GetValueOrDefault(name) as UnitSymbol;
        if (declaration is null)
        {
            foreach (var (_, _, unprefixed) in Prefixes.Splits(name))
            {
                if (Model?.Values.GetValueOrDefault(unprefixed) is UnitSymbol found)
                {
                    declaration = found;
                    break;
                }
            }
        }

        return resolved is null && declaration is null ? null : new UnitMeaning(name, resolved, declaration);
    }

    private Meaning? Declaration(DeclarationHit hit) => hit.Declaration switch
    {
        LetDecl or OutputDecl => Model?.Values.GetValueOrDefault(hit.Name) is LetSymbol let ? Let(let) : null,
        FnDecl => Model?.Functions.GetValueOrDefault(hit.Name) is { } fn ? new FunctionMeaning(fn) : null,
        UnitDecl => Unit(hit.Name),
        BlockDecl => Block(hit.Name) is { } block ? new BlockMeaning(block) : null,
        _ => null,
    };

    private LetMeaning Let(LetSymbol let) => new(let, spec.Program?.Outputs.FirstOrDefault(o => ReferenceEquals(o.Value, let) || o.Name == let.Name));

    private ImportMeaning Import(ImportDecl import)
    {
        try
        {
            var found = sources.Resolve(import.Path, import.Span.File);
            return new ImportMeaning(import, found.File, found.Error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new ImportMeaning(import, null, e.Message);
        }
    }
}
