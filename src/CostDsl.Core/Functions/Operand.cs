using CostDsl.Runtime;

namespace CostDsl.Functions;

/// <summary>
/// A magnitude with arithmetic operators, so that a function's formula reads as the formula
/// (<c>6 * n * tokens</c>) whether its inputs are exact or Monte Carlo samples.
/// </summary>
internal readonly record struct Operand(Magnitude Magnitude)
{
    public static implicit operator Operand(Magnitude magnitude) => new(magnitude);

    public static implicit operator Operand(double value) => new(Magnitude.Exact(value));

    public static Operand operator +(Operand a, Operand b) => Magnitude.Zip(a.Magnitude, b.Magnitude, (x, y) => x + y);

    public static Operand operator -(Operand a, Operand b) => Magnitude.Zip(a.Magnitude, b.Magnitude, (x, y) => x - y);

    public static Operand operator *(Operand a, Operand b) => Magnitude.Zip(a.Magnitude, b.Magnitude, (x, y) => x * y);

    public static Operand operator /(Operand a, Operand b) => Magnitude.Zip(a.Magnitude, b.Magnitude, (x, y) => x / y);
}
