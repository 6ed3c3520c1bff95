using System.Numerics.Tensors;

namespace CostDsl.Runtime;

/// <summary>
/// The number part of a value: one exact double, or a vector of Monte Carlo samples. Arithmetic
/// works element by element over whole vectors, so a spec is walked once, never once per sample.
/// A value others can see is never changed: its sample array is written again only when the
/// evaluator passes it as the <c>into</c> buffer of an operation, which it does only for a temporary
/// it owns outright (a result no let, field or other value holds; see EvaluationSession).
/// </summary>
public sealed class Magnitude
{
    private readonly double exact;
    private readonly double[]? samples;

    private Magnitude(double exact, double[]? samples)
    {
        this.exact = exact;
        this.samples = samples;
    }

    public static Magnitude Exact(double value) => new(value, null);

    /// <summary>Takes ownership of <paramref name="values"/>: the caller must not change it afterwards.</summary>
    public static Magnitude Sampled(double[] values) => new(double.NaN, values);

    public bool IsExact => samples is null;

    /// <summary>The exact value; for a sampled magnitude, the mean.</summary>
    public double Value => samples is null ? exact : Mean;

    public ReadOnlySpan<double> Samples => samples;

    public int Count => samples?.Length ?? 1;

    public double Mean
    {
        get
        {
            if (samples is null)
            {
                return exact;
            }

            var sum = 0.0;
            foreach (var s in samples)
            {
                sum += s;
            }

            return sum / samples.Length;
        }
    }

    /// <summary>True when every element is a finite number.</summary>
    public bool IsFinite
    {
        get
        {
            if (samples is null)
            {
                return double.IsFinite(exact);
            }

            // A vectorised sum is finite exactly when no element is NaN or infinite, unless the
            // finite elements overflow together; only then look at them one by one.
            if (double.IsFinite(TensorPrimitives.Sum<double>(samples)))
            {
                return true;
            }

            foreach (var s in samples)
            {
                if (!double.IsFinite(s))
                {
                    return false;
                }
            }

            return true;
        }
    }

    public bool ContainsZero => samples is null ? exact == 0 : samples.AsSpan().Contains(0.0);

    // The optional 'into' is a buffer the caller owns outright (a temporary no one else can see): the
    // result is written there instead of into a new array, which for large vectors costs more than
    // the arithmetic itself. It must be one of the operands' own arrays, which the kernels allow.
    public static Magnitude Add(Magnitude a, Magnitude b, double[]? into = null) =>
        Elementwise(a, b, into, static (x, y) => x + y, TensorPrimitives.Add, TensorPrimitives.Add, static (x, y, d) => TensorPrimitives.Add(y, x, d));

    public static Magnitude Subtract(Magnitude a, Magnitude b, double[]? into = null) =>
        Elementwise(a, b, into, static (x, y) => x - y, TensorPrimitives.Subtract, TensorPrimitives.Subtract, TensorPrimitives.Subtract);

    public static Magnitude Multiply(Magnitude a, Magnitude b, double[]? into = null) =>
        Elementwise(a, b, into, static (x, y) => x * y, TensorPrimitives.Multiply, TensorPrimitives.Multiply, static (x, y, d) => TensorPrimitives.Multiply(y, x, d));

    public static Magnitude Divide(Magnitude a, Magnitude b, double[]? into = null) =>
        Elementwise(a, b, into, static (x, y) => x / y, TensorPrimitives.Divide, TensorPrimitives.Divide, TensorPrimitives.Divide);

    public Magnitude Negate(double[]? into = null) =>
        samples is null ? Exact(-exact) : Vector(samples.Length, into, d => TensorPrimitives.Negate<double>(samples, d));

    /// <summary>The array behind a sampled magnitude, for an evaluator that owns it and may reuse it; null when exact.</summary>
    internal double[]? Buffer => samples;

    /// <summary>
    /// One arithmetic operation over scalars and vectors: two exact values stay exact; otherwise the
    /// vectorised kernel for vector-vector, vector-scalar or scalar-vector runs over whole arrays.
    /// </summary>
    private static Magnitude Elementwise(
        Magnitude a,
        Magnitude b,
        double[]? into,
        Func<double, double, double> scalar,
        SpanKernel both,
        VectorScalarKernel vectorScalar,
        ScalarVectorKernel scalarVector)
    {
        if (a.samples is null && b.samples is null)
        {
            return Exact(scalar(a.exact, b.exact));
        }

        if (a.samples is { } x && b.samples is { } y)
        {
            return Vector(x.Length, into, d => both(x, y, d));
        }

        return a.samples is { } left
            ? Vector(left.Length, into, d => vectorScalar(left, b.exact, d))
            : Vector(b.samples!.Length, into, d => scalarVector(a.exact, b.samples, d));
    }

    private static Magnitude Vector(int length, double[]? into, Action<Span<double>> fill)
    {
        // Every element is written, so the array need not be zeroed first.
        var result = into?.Length == length ? into : SampleArrays.Uninitialized(length);
        fill(result);
        return Sampled(result);
    }

    private delegate void SpanKernel(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);

    private delegate void VectorScalarKernel(ReadOnlySpan<double> x, double y, Span<double> destination);

    private delegate void ScalarVectorKernel(double x, ReadOnlySpan<double> y, Span<double> destination);

    public bool Any(Func<double, bool> predicate)
    {
        if (samples is null)
        {
            return predicate(exact);
        }

        foreach (var s in samples)
        {
            if (predicate(s))
            {
                return true;
            }
        }

        return false;
    }

    public Magnitude Map(Func<double, double> f)
    {
        if (samples is null)
        {
            return Exact(f(exact));
        }

        var result = new double[samples.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = f(samples[i]);
        }

        return Sampled(result);
    }

    public static Magnitude Zip(Magnitude a, Magnitude b, Func<double, double, double> f)
    {
        if (a.samples is null && b.samples is null)
        {
            return Exact(f(a.exact, b.exact));
        }

        var length = Math.Max(a.Count, b.Count);
        var result = new double[length];
        for (var i = 0; i < length; i++)
        {
            result[i] = f(a.At(i), b.At(i));
        }

        return Sampled(result);
    }

    /// <summary>The i-th sample; an exact magnitude is the same in every sample.</summary>
    public double At(int i) => samples is null ? exact : samples[i];
}
