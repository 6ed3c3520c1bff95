using System.Collections.Immutable;
using CostDsl.Diagnostics;
using CostDsl.Functions;
using CostDsl.Syntax;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>Calls: arguments put in parameter order and checked against a builtin's parameters, or a user function checked for its argument types.</summary>
public sealed partial class Checker
{
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
            Reach(fn);
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

        if (!inProgress.TryEnter(fn, out _))
        {
            // Recursion: already reported where the functions are collected.
            return StaticType.Error;
        }

        var type = CheckTop(fn.Decl.Body, new Scope(fn, arguments, null));
        inProgress.Exit();
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
}
