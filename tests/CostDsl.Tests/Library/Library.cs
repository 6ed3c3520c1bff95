using CostDsl.Tests.Support;

namespace CostDsl.Tests.Library;

/// <summary>Evaluates one library call in a small spec and reads its value in a stated unit.</summary>
internal static class Library
{
    /// <summary>
    /// A model with round figures, so that each expected value can be worked out by hand:
    /// head_dim = d_model / heads = 1000 / 10 = 100.
    /// </summary>
    public const string TestModel =
        "model M { params = 1e9; layers = 10; d_model = 1000; heads = 10; kv_heads = 2; vocab = 100; bytes_per_param = 2 B }\n"
        + "model MoE { params = 4e9; active_params = 1e9; layers = 10; d_model = 1000; heads = 10 }\n"
        + "hardware G { bf16 = 100 TFLOP/s; memory = 80 GB; bandwidth = 1000 GB/s; power = 500 W; price = 20000 USD }\n";

    /// <summary>The value of <paramref name="expression"/> in <paramref name="unit"/>, checked to come back in that unit.</summary>
    public static double Value(string expression, string unit, string declarations = TestModel)
    {
        var (value, shown) = Spec.Clean($"{declarations}\noutput x = {expression} in {unit}").Output("x");
        Assert.That(shown, Is.EqualTo(unit));
        return value;
    }

    /// <summary>The codes of the diagnostics a spec gets, in order.</summary>
    public static string[] Codes(string expression, string declarations = TestModel) =>
        [.. Spec.Run($"{declarations}\noutput x = {expression}").Diagnostics.Select(d => d.Code.Id)];
}
