using CostDsl.Units;

namespace CostDsl.Functions;

/// <summary>The base dimensions the built-in functions speak of, named as the units prelude declares them.</summary>
public static class Dimensions
{
    public static readonly Dimension Number = Dimension.None;
    public static readonly Dimension Time = Dimension.Base("s");
    public static readonly Dimension Information = Dimension.Base("B");
    public static readonly Dimension Operations = Dimension.Base("FLOP");
    public static readonly Dimension Money = Dimension.Base("USD");
    public static readonly Dimension Energy = Dimension.Base("J");
    public static readonly Dimension Tokens = Dimension.Base("token");
    public static readonly Dimension OperationRate = Operations / Time;
    public static readonly Dimension InformationRate = Information / Time;
    public static readonly Dimension Power = Energy / Time;
    public static readonly Dimension MoneyRate = Money / Time;
    public static readonly Dimension TokenRate = Tokens / Time;
}
