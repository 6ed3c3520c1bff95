using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.CommandLine;

public class PlanTrainingCommandTests
{
    [Test]
    public void RanksFittingLayoutsFastestFirst()
    {
        var outcome = CliRunner.Run("plan-training", "--model", "Llama3_70B", "--hardware", "H100_SXM", "--gpus", "256", "--batch", "256", "--sequence", "8192", "--format", "json", "--top", "50");
        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Error);
        var json = JObject.Parse(outcome.Output);
        var layouts = (JArray)json["layouts"]!;
        Assert.That(layouts, Is.Not.Empty);
        var times = layouts.Select(l => (double)l["step_time_s"]!).ToList();
        Assert.That(times, Is.Ordered);
        foreach (var layout in layouts)
        {
            Assert.That((int)layout["tp"]! * (int)layout["pp"]! * (int)layout["dp"]! * (int)layout["cp"]!, Is.EqualTo(256));
            Assert.That((double)layout["memory_per_gpu_bytes"]!, Is.LessThanOrEqualTo(80 * Math.Pow(2, 30))); // H100_SXM.memory: 80 GiB
        }

        Assert.That((int)json["fit"]! + (int)json["too_big"]! + (int)json["invalid"]!, Is.EqualTo((int)json["tried"]!));
    }

    [Test]
    public void AModelThatFitsNowhereSaysSoAndFails()
    {
        var outcome = CliRunner.Run("plan-training", "--model", "Llama3_405B", "--hardware", "H100_SXM", "--gpus", "8", "--batch", "8", "--sequence", "8192");
        Assert.That(outcome.ExitCode, Is.EqualTo(1));
        Assert.That(outcome.Output, Does.Contain("No layout fits"));
    }

    [TestCase("--model", "NoSuchModel", "no model block 'NoSuchModel'")]
    [TestCase("--hardware", "NoSuchGpu", "no hardware block 'NoSuchGpu'")]
    public void AnUnknownBlockIsAUsageError(string option, string name, string message)
    {
        var args = new List<string> { "plan-training", "--model", "Llama3_70B", "--hardware", "H100_SXM", "--gpus", "64", "--batch", "64", "--sequence", "4096" };
        args[args.IndexOf(option) + 1] = name;
        var outcome = CliRunner.Run([.. args]);
        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain(message));
    }

    [Test]
    public void BadNumbersAreUsageErrors()
    {
        var outcome = CliRunner.Run("plan-training", "--model", "Llama3_70B", "--hardware", "H100_SXM", "--gpus", "0", "--batch", "64", "--sequence", "4096");
        Assert.That(outcome.ExitCode, Is.EqualTo(2));
    }
}
