using CostDsl.Tests.Support;
using CostDsl.Validation;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Validation;

public class MeasurementReaderTests
{
    private static string DevServing => Repository.PathTo("examples", "validation", "dev", "serving.json");

    private static string DevTraining => Repository.PathTo("examples", "validation", "dev", "training.json");

    [Test]
    public void ReadsTheDevSetsWithEveryCase()
    {
        var serving = MeasurementReader.ReadFile(DevServing);
        var training = MeasurementReader.ReadFile(DevTraining);
        Assert.Multiple(() =>
        {
            Assert.That(serving.Cases, Has.Length.EqualTo(108));
            Assert.That(training.Cases, Has.Length.EqualTo(30));
            Assert.That(serving.Cases.All(c => c.Serving is not null && c.Training is null), Is.True);
            Assert.That(training.Cases.All(c => c.Training is not null && c.Serving is null), Is.True);
        });
    }

    [Test]
    public void ReadsTheFieldsOfAServingCase()
    {
        var first = MeasurementReader.ReadFile(DevServing).Cases[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.Id, Is.EqualTo("trtllm_v0.9.0_H200_GPT-J6B_bs1024_tp1_128-128"));
            Assert.That(first.Model.Layers, Is.EqualTo(28));
            Assert.That(first.Model.GatedMlp, Is.False);
            Assert.That(first.Serving!.Batch, Is.EqualTo(1024));
            Assert.That(first.Serving.Weights, Is.EqualTo("fp8"));
            Assert.That(first.Parallel.Tp, Is.EqualTo(1));
            Assert.That(first.Measured, Is.EqualTo(new[] { new Measurement("output_tokens_per_s_per_gpu", 27304) }));
            Assert.That(first.Location.JsonPath, Is.EqualTo("cases[0]"));
        });
    }

    [Test]
    public void AcceptsNullWhereTheFormatAllowsItAndUnknownFlags()
    {
        var text = Mutate(c =>
        {
            c["kv"] = null;
            c["batch"] = null;
            c["model"]!["params"] = null;
            c["parallel"]!["ep"] = null;
            c["flags"] = new JArray("a_flag_from_the_future");
        });
        var read = MeasurementReader.Read("x.json", text).Cases[0];
        Assert.Multiple(() =>
        {
            Assert.That(read.Serving!.Kv, Is.Null);
            Assert.That(read.Model.Params, Is.Null);
            Assert.That(read.Flags, Is.EqualTo(new[] { "a_flag_from_the_future" }));
        });
    }

    [TestCase("unknown", "cases[0].colour", "unknown key 'colour'")]
    [TestCase("missing", "cases[0]", "missing key 'mode'")]
    [TestCase("null measured", "cases[0].measured.output_tokens_per_s_per_gpu", "must be a number, not null")]
    [TestCase("wrong metric", "cases[0].measured.mfu", "unknown measured key 'mfu'")]
    [TestCase("fractional layers", "cases[0].model.layers", "must be a whole number")]
    [TestCase("bad precision", "cases[0].weights", "\"fp7\" is not one of")]
    [TestCase("half a MoE", "cases[0].model", "the four MoE keys")]
    [TestCase("null mode", "cases[0].mode", "must be a string, not null")]
    public void RejectsABadCaseNamingTheFileAndPath(string change, string path, string problem)
    {
        var text = Mutate(c =>
        {
            switch (change)
            {
                case "unknown": c["colour"] = "red"; break;
                case "missing": c.Remove("mode"); break;
                case "null measured": c["measured"]!["output_tokens_per_s_per_gpu"] = null; break;
                case "wrong metric": c["measured"] = new JObject { ["mfu"] = 0.5 }; break;
                case "fractional layers": c["model"]!["layers"] = 28.5; break;
                case "bad precision": c["weights"] = "fp7"; break;
                case "half a MoE": c["model"]!["experts"] = 8; break;
                case "null mode": c["mode"] = null; break;
            }
        });
        var error = Assert.Throws<MeasurementFormatException>(() => MeasurementReader.Read("bad.json", text))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.File, Is.EqualTo("bad.json"));
            Assert.That(error.JsonPath, Is.EqualTo(path));
            Assert.That(error.Message, Does.StartWith("bad.json: " + path).And.Contain(problem));
        });
    }

    [TestCase("{\"format\": \"cost-measurements/2\", \"cases\": []}", "format must be")]
    [TestCase("{\"cases\": []}", "missing key 'format'")]
    [TestCase("[1, 2]", "the file must be a JSON object")]
    [TestCase("{\"format\": \"cost-measurements/1\", \"cases\": [", "not valid JSON")]
    public void RejectsABadFile(string text, string problem) =>
        Assert.That(() => MeasurementReader.Read("f.json", text), Throws.TypeOf<MeasurementFormatException>().With.Message.Contain(problem));

    [Test]
    public void RejectsADuplicateId()
    {
        var one = (JObject)JObject.Parse(File.ReadAllText(DevServing))["cases"]![0]!;
        var text = new JObject { ["format"] = MeasurementReader.Format, ["cases"] = new JArray(one, one.DeepClone()) }.ToString();
        Assert.That(() => MeasurementReader.Read("f.json", text), Throws.TypeOf<MeasurementFormatException>().With.Message.Contain("appears twice"));
    }

    /// <summary>A file of one case, the dev set's first, changed by <paramref name="change"/>.</summary>
    private static string Mutate(Action<JObject> change)
    {
        var one = (JObject)JObject.Parse(File.ReadAllText(DevServing))["cases"]![0]!;
        change(one);
        return new JObject { ["format"] = MeasurementReader.Format, ["cases"] = new JArray(one) }.ToString();
    }
}
