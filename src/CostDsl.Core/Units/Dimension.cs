using System.Collections.Immutable;
using System.Text;

namespace CostDsl.Units;

/// <summary>
/// A dimension: a product of base dimensions raised to integer powers, e.g. FLOP/s is
/// {FLOP: 1, s: -1}. Base dimensions are named after their base unit (declared with <c>unit NAME</c>).
/// </summary>
public sealed class Dimension : IEquatable<Dimension>
{
    public static readonly Dimension None = new([]);

    // Sorted by name, no zero powers: equal dimensions have equal arrays.
    private readonly ImmutableArray<(string Base, int Power)> factors;

    // ToString's text, made on first use (a benign race writes the same text twice).
    private string? text;

    private Dimension(ImmutableArray<(string Base, int Power)> factors) => this.factors = factors;

    public ImmutableArray<(string Base, int Power)> Factors => factors;

    public bool IsNone => factors.IsEmpty;

    public static Dimension Base(string name) => new([(name, 1)]);

    public static Dimension operator *(Dimension a, Dimension b) => Combine(a, b, 1);

    public static Dimension operator /(Dimension a, Dimension b) => Combine(a, b, -1);

    public Dimension Pow(int power) =>
        power == 0 ? None : new([.. factors.Select(f => (f.Base, f.Power * power))]);

    /// <summary>The root of a dimension when every power divides evenly (sqrt of m^2 is m); null otherwise.</summary>
    public Dimension? Root(int degree) =>
        factors.All(f => f.Power % degree == 0) ? new([.. factors.Select(f => (f.Base, f.Power / degree))]) : null;

    private static Dimension Combine(Dimension a, Dimension b, int sign)
    {
        if (b.IsNone)
        {
            return a;
        }

        if (a.IsNone && sign == 1)
        {
            return b;
        }

        // Both arrays are sorted by name: one merge pass, as a sorted map would give but without building one
        // (the checker combines dimensions for every quantity of every imported block).
        var merged = ImmutableArray.CreateBuilder<(string Base, int Power)>(a.factors.Length + b.factors.Length);
        int i = 0, j = 0;
        while (i < a.factors.Length || j < b.factors.Length)
        {
            var order = i == a.factors.Length ? 1 : j == b.factors.Length ? -1 : string.CompareOrdinal(a.factors[i].Base, b.factors[j].Base);
            var (name, power) = order < 0 ? a.factors[i++] : (b.factors[j].Base, sign * b.factors[j++].Power);
            if (order == 0)
            {
                power += a.factors[i++].Power;
            }

            if (power != 0)
            {
                merged.Add((name, power));
            }
        }

        return new(merged.ToImmutable());
    }

    /// <summary>The dimension in base units, as a unit expression: <c>FLOP/s</c>, <c>B</c>, <c>USD/J</c>, <c>1/s</c>; empty when dimensionless.</summary>
    // Immutable, so its text is written once: every output's JSON "unit" asks for it.
    public override string ToString() => text ??= Write();

    private string Write()
    {
        var text = new StringBuilder();
        foreach (var (name, power) in factors.Where(f => f.Power > 0))
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(name);
            if (power != 1)
            {
                text.Append('^').Append(power);
            }
        }

        foreach (var (name, power) in factors.Where(f => f.Power < 0))
        {
            text.Append(text.Length == 0 ? "1/" : "/").Append(name);
            if (power != -1)
            {
                text.Append('^').Append(-power);
            }
        }

        return text.ToString();
    }

    public bool Equals(Dimension? other) => other is not null && factors.SequenceEqual(other.factors);

    public override bool Equals(object? obj) => obj is Dimension other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var factor in factors)
        {
            hash.Add(factor);
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(Dimension? a, Dimension? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(Dimension? a, Dimension? b) => !(a == b);
}
