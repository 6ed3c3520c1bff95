using System.Collections.Immutable;
using CostDsl.Text;

namespace CostDsl.Syntax;

/// <summary>One unit name in a unit expression, with its power: <c>s</c> in <c>FLOP/s</c> has power -1.</summary>
public sealed record UnitFactor(string Name, int Power, SourceSpan Span);

/// <summary>A unit expression as written after a number or after <c>in</c>: <c>TFLOP/s</c>, <c>kW h</c>, <c>m^2</c>.</summary>
public sealed record UnitSyntax(ImmutableArray<UnitFactor> Factors, SourceSpan Span)
{
    /// <summary>
    /// The unit in canonical spelling: juxtaposed names, '/' before each divisor ('1/' when the first
    /// factor is one: <c>s^-1</c> is <c>1/s</c>, as <see cref="Units.Dimension"/> writes it), '^' for
    /// powers. The spelling parses back as the same unit.
    /// </summary>
    public string Text
    {
        get
        {
            // Most units are one name (GB, s): that name is the text, without building it.
            if (Factors is [{ Power: 1 } single])
            {
                return single.Name;
            }

            var text = new System.Text.StringBuilder();
            foreach (var factor in Factors)
            {
                if (factor.Power < 0)
                {
                    text.Append(text.Length == 0 ? "1/" : "/");
                }
                else if (text.Length > 0)
                {
                    text.Append(' ');
                }

                text.Append(factor.Name);
                var power = Math.Abs(factor.Power);
                if (power != 1)
                {
                    text.Append('^').Append(power);
                }
            }

            return text.ToString();
        }
    }

    public bool Equals(UnitSyntax? other) => other is not null && Span.Equals(other.Span) && Factors.SequenceEqual(other.Factors);

    public override int GetHashCode() => Span.GetHashCode();
}
