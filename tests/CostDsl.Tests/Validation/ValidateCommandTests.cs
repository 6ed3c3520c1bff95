using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Validation;

public class ValidateCommandTests
{
    private const string DevServing = "examples/validation/dev/serving.json";

    [Test]
    public void PrintsTheSummaryAndOneRowAMeasuredValueAsJson()
    {
        var run = CliRunner.Run("validate", DevServing, "--format", "json", "--samples", "200");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var json = JObject.Parse(run.Output);
        var summary = (JObject)json["summary"]!;
        Assert.Multiple(() =>
        {
            Assert.That(summary.Properties().Select(p => p.Name), Is.EqualTo(new[] { "cases", "estimated", "median_ape", "mean_ape", "worst_ape", "coverage90" }));
            Assert.That((int)summary["cases"]!, Is.EqualTo(108));
            var first = (JObject)json["cases"]![0]!;
            Assert.That(first.Properties().Select(p => p.Name), Is.EqualTo(new[] { "id", "metric", "measured", "predicted", "p5", "p95", "error" }));
            Assert.That((double)first["error"]!, Is.EqualTo(((double)first["predicted"]! - (double)first["measured"]!) / (double)first["measured"]!).Within(1e-12));
            Assert.That((double)first["p5"]!, Is.LessThanOrEqualTo((double)first["predicted"]!));
        });
    }

    [Test]
    public void TheSameSeedGivesTheSameNumbersWhereverTheFileLies()
    {
        using var folder = new TempFolder();
        var moved = Path.Combine(folder.Root, "elsewhere", "cases.json");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        File.Copy(Repository.PathTo("examples", "validation", "dev", "serving.json"), moved);

        var here = CliRunner.Run("validate", DevServing, "--format", "json", "--samples", "300", "--seed", "7");
        var again = CliRunner.Run("validate", DevServing, "--format", "json", "--samples", "300", "--seed", "7");
        var there = CliRunner.Run("validate", moved, "--format", "json", "--samples", "300", "--seed", "7");
        var other = CliRunner.Run("validate", DevServing, "--format", "json", "--samples", "300", "--seed", "8");
        Assert.Multiple(() =>
        {
            Assert.That(again.Output, Is.EqualTo(here.Output));
            Assert.That(there.Output, Is.EqualTo(here.Output));
            Assert.That(other.Output, Is.Not.EqualTo(here.Output));
        });
    }

    [Test]
    public void ACaseOnUnknownHardwareIsNotEstimatedAndCountsAgainstEstimated()
    {
        using var folder = new TempFolder();
        var file = JObject.Parse(File.ReadAllText(Repository.PathTo("examples", "validation", "dev", "serving.json")));
        var cases = (JArray)file["cases"]!;
        while (cases.Count > 2)
        {
            cases.RemoveAt(2);
        }

        cases[1]["hardware"] = "TPU_v9";
        var path = Path.Combine(folder.Root, "two.json");
        File.WriteAllText(path, file.ToString());

        var run = CliRunner.Run("validate", path, "--format", "json", "--samples", "100");
        var json = JObject.Parse(run.Output);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero);
            Assert.That((int)json["summary"]!["cases"]!, Is.EqualTo(2));
            Assert.That((int)json["summary"]!["estimated"]!, Is.EqualTo(1));
            Assert.That(json["cases"]![1]!["predicted"]!.Type, Is.EqualTo(JTokenType.Null));
            Assert.That((string)json["cases"]![1]!["reason"]!, Does.StartWith("unknown hardware 'TPU_v9'"));
        });
    }

    [Test]
    public void AnUnstatedKvFormatThatCannotHoldThePublishedBatchIsTheWeights8BitFormat()
    {
        // GPT-J 6B on one H200 (141 GiB) with fp8 weights, 2,048 sequences of 256 tokens: a 16-bit cache needs 240 GB and
        // cannot have run; an fp8 one needs 120 GB beside 6 GB of weights and fits. Stated 16-bit, the case does not fit.
        using var folder = new TempFolder();
        var file = JObject.Parse(File.ReadAllText(Repository.PathTo("examples", "validation", "dev", "serving.json")));
        var cases = (JArray)file["cases"]!;
        var first = (JObject)cases[0]!;
        Assert.That(((string)first["hardware"]!, (string)first["weights"]!, (int)first["input_tokens"]!, (int)first["output_tokens"]!), Is.EqualTo(("H200", "fp8", 128, 128)));
        cases.Clear();
        foreach (var (id, kv) in new[] { ("unstated", (string?)null), ("stated_fp16", "fp16") })
        {
            var copy = (JObject)first.DeepClone();
            copy["id"] = id;
            copy["kv"] = kv is null ? JValue.CreateNull() : kv;
            copy["batch"] = 2048;
            cases.Add(copy);
        }

        var path = Path.Combine(folder.Root, "kv.json");
        File.WriteAllText(path, file.ToString());
        var json = JObject.Parse(CliRunner.Run("validate", path, "--format", "json", "--samples", "100").Output);
        Assert.Multiple(() =>
        {
            Assert.That(json["cases"]![0]!["predicted"]!.Type, Is.EqualTo(JTokenType.Float));
            Assert.That((string)json["cases"]![1]!["reason"]!, Does.StartWith("does not fit"));
        });
    }

    [Test]
    public void AnEngineWithoutAGroupedDecodeKernelIsPredictedSlowerForTheSameRun()
    {
        // The dev set's H200 Falcon-180B run with 2,048 output tokens (head dimension 64: TensorRT-LLM 0.9's XQA kernels were
        // built for 128 only). Restated as an engine the kernel rule knows nothing of, its re-reads fall back to kv_reread's range.
        using var folder = new TempFolder();
        var file = JObject.Parse(File.ReadAllText(Repository.PathTo("examples", "validation", "dev", "serving.json")));
        var cases = (JArray)file["cases"]!;
        var falcon = (JObject)cases.Single(c => (string)c["id"]! == "trtllm_v0.9.0_H200_Falcon180B_bs1024_tp4_128-2048");
        cases.Clear();
        foreach (var (id, framework) in new[] { ("trtllm", "TensorRT-LLM 0.9.0, gptSessionBenchmark"), ("other", "an engine not documented") })
        {
            var copy = (JObject)falcon.DeepClone();
            copy["id"] = id;
            copy["framework"] = framework;
            cases.Add(copy);
        }

        var path = Path.Combine(folder.Root, "kernel.json");
        File.WriteAllText(path, file.ToString());
        var json = JObject.Parse(CliRunner.Run("validate", path, "--format", "json", "--samples", "200").Output);
        Assert.That((double)json["cases"]![0]!["predicted"]!, Is.LessThan(0.8 * (double)json["cases"]![1]!["predicted"]!));
    }

    [Test]
    public void ABadFileIsAnErrorNamingTheFileAndPath()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Root, "bad.json");
        File.WriteAllText(path, "{\"format\": \"cost-measurements/1\", \"cases\": [{\"id\": 3}]}");
        var run = CliRunner.Run("validate", path);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Error, Does.Contain(path + ": cases[0]"));
        });
    }

    [TestCase("validate")]
    [TestCase("validate", "x.json", "--format", "xml")]
    [TestCase("validate", "x.json", "--samples", "0")]
    public void BadUsageExitsWith2(params string[] args) =>
        Assert.That(CliRunner.Run(args).ExitCode, Is.EqualTo(2));

    [Test]
    public void TheTableShowsTheIntervalAndTheSummary()
    {
        var run = CliRunner.Run("validate", DevServing, "--samples", "100");
        Assert.Multiple(() =>
        {
            Assert.That(run.Output, Does.StartWith("case "));
            Assert.That(run.Output, Does.Contain("90% interval"));
            Assert.That(run.Output, Does.Contain("108 of 108 measured values estimated; median APE "));
        });
    }
}
