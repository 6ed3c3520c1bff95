using CostDsl.Functions;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Catalog;

/// <summary>
/// No bundled model sets a precision (it is the user's choice). A call that needs one and is not given it says how
/// to give it, naming the argument of that very function, and doing what the message says makes the call work.
/// </summary>
public class PrecisionAdviceTests
{
    private const string Imports = "import \"std/models/llama.cost\"\nimport \"std/hardware/nvidia.cost\"\n";

    // Each call leaves out its precision; the second value is the argument that function takes for it.
    [TestCase("weights_memory(Llama3_1_8B)", "bytes_per_param")]
    [TestCase("kv_cache(Llama3_1_8B, 1000 token, 1)", "bytes")]
    [TestCase("decode_tokens_per_s(Llama3_1_8B, H100_SXM)", "bytes_per_param")]
    [TestCase("prefill_seconds(Llama3_1_8B, 1000 token, H100_SXM.bf16, 0.5, bandwidth: H100_SXM.bandwidth)", "bytes")]
    [TestCase("ttft(Llama3_1_8B, H100_SXM, 1000 token, 1, 1)", "weights")]
    [TestCase("serving_tokens_per_s(Llama3_1_8B, H100_SXM, 1000 token, 200 token, 8, 1)", "weights")]
    public void AMissingPrecisionSaysWhichArgumentGivesIt(string call, string argument)
    {
        var error = Spec.Run(Imports + $"output x = {call}").Single("CD0307");
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain("Llama3_1_8B.bytes_per_param, which is not set"));
            Assert.That(error.Message, Does.Contain($"`{argument}: 2 B`"));
            Assert.That(error.Message, Does.Contain("`bytes_per_param = 2 B` in the model"));
        });

        // Following either piece of advice literally gives a clean run.
        var withArgument = call[..^1] + $", {argument}: 2 B)";
        Spec.Clean(Imports + $"output x = {withArgument}");
        Spec.Clean(Imports + $"model M extends Llama3_1_8B {{\n  bytes_per_param = 2 B\n}}\noutput x = {call.Replace("Llama3_1_8B", "M", StringComparison.Ordinal)}");
    }

    [Test]
    public void EveryFunctionReadingTheModelsPrecisionTakesItAsAnArgument()
    {
        var reads = BuiltinLibrary.All.SelectMany(f => f.Reads.Where(r => r.Field == "bytes_per_param").Select(r => (Function: f, Read: r))).ToList();
        Assert.That(reads, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var (function, read) in reads)
            {
                Assert.That(function.Parameters.Select(p => p.Name), Does.Contain(read.UnlessGiven), $"{function.Name} reads bytes_per_param with no argument to give instead");
            }
        });
    }
}
