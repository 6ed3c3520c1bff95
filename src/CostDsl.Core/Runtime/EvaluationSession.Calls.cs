using CostDsl.Diagnostics;
using CostDsl.Functions;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Runtime;

/// <summary>Calls: a user function with its arguments in a frame of its own, or a builtin with the context it draws samples and reads fields through.</summary>
public sealed partial class EvaluationSession
{
    private Value EvalCall(CallExpr call, Frame frame)
    {
        var binding = (CallBinding)program.Bindings[call];
        if (binding.User is { } fn)
        {
            if (erroneous?.Contains(fn) == true)
            {
                throw new EvaluationError(null);
            }

            var arguments = binding.ArgumentOrder.Select(i => Eval(call.Arguments[i].Value, frame)).ToArray();
            // Each call site (and each path of calls to it) draws anew: the call's key joins the path.
            var site = SiteKey(call);
            // A pure function called again with the same exact arguments returns the shared result.
            var key = shared.KeyOf(fn, arguments);
            if (key is not null && shared.TryGet(key, out var known))
            {
                return known;
            }

            var returned = Eval(fn.Decl.Body, new Frame(arguments, null, frame.CallPath is { } outer ? site.Through(outer) : site));
            if (key is not null)
            {
                shared.Keep(key, returned);
            }

            return returned;
        }

        var builtin = binding.Builtin!;
        List<Value> values;
        if (builtin.Variadic)
        {
            values = [.. call.Arguments.Select(a => Eval(a.Value, frame))];
            if (values is [ListValue list])
            {
                values = [.. list.Items];
            }
        }
        else
        {
            values = [.. binding.ArgumentOrder.Select((argument, p) => argument >= 0 ? Eval(call.Arguments[argument].Value, frame) : builtin.Parameters[p].Default ?? (Value)Absent.Instance)];
        }

        var result = builtin.Invoke(values, new CallContext(this, call, frame));
        return result is Quantity q ? Checked(q, call.Span, $"{call.Callee}(...)") : result;
    }

    private sealed class CallContext(EvaluationSession run, CallExpr call, Frame frame) : ICallContext
    {
        public Value? Field(BlockSymbol block, string field) => run.FieldValueOrNull(block, field);

        public Exception Fail(DiagnosticCode code, string message) => EvaluationSession.Fail(code, call.Span, $"{call.Callee}: {message}");

        public Layout Layout => run.Layout;

        public Magnitude Sample(Action<RandomSource, Span<double>> fill) => run.Sample(call, frame, fill);

        public Magnitude Sample(string stream, Action<RandomSource, Span<double>> fill) => run.Sample(call, frame, fill, stream);

        public Magnitude SampleShared(string name, Action<RandomSource, Span<double>> fill) => run.Draw(call, SamplingKey.Assumption(name), fill, name);
    }
}
