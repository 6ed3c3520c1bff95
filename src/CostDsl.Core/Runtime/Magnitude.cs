namespace CostDsl.Runtime;

/// <summary>
/// The number part of a value: one exact double, or a vector of Monte Carlo samples. Arithmetic
/// works element by element over whole vectors, so a spec is walked once, never once per sample.
/// Immutable: a sample array is never written after construction.
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
