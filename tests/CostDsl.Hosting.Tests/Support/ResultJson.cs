using Newtonsoft.Json.Linq;

namespace CostDsl.Hosting.Tests.Support;

/// <summary>Reads a result or index file back.</summary>
public static class ResultJson
{
    public static JObject Parse(string? text)
    {
        Assert.That(text, Is.Not.Null, "the result file is missing");
        return JObject.Parse(text!);
    }

    public static string[] Codes(string? text) =>
        [.. Parse(text)["diagnostics"]!.Select(d => (string)d["code"]!)];

    public static string[] Messages(string? text) =>
        [.. Parse(text)["diagnostics"]!.Select(d => (string)d["message"]!)];

    public static double Output(string? text, string name) => (double)Parse(text)["outputs"]![name]!["value"]!;
}
