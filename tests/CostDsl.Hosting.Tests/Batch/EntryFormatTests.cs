using System.Security.Cryptography;
using CostDsl.Hosting.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Hosting.Tests.Batch;

/// <summary>The bytes of a batch entry as the index lists it and as its stamp records it: one writer, the layout of costdsl-batch/3 and costdsl-stamp/2.</summary>
public class EntryFormatTests
{
    [Test]
    public async Task TheIndexAndTheStampWriteAnEntrysFieldsInOneOrder()
    {
        using var folder = new TempFolder();
        folder.Write("d/a.cost", "import \"../lib.cost\"\noutput a = price * 2\noutput b = 1\n");
        folder.Write("lib.cost", "let price = 3 USD\n");
        folder.Write("bad.cost", "let x = 3 GB + 2 s\noutput x\n");
        await BatchHarness.RunAsync(folder.In, folder.Out);

        var index = File.ReadAllText(Path.Combine(folder.Out, "index.json"));
        var fingerprint = (string)JObject.Parse(index)["files"]!.Single(f => (string)f["file"]! == "d/a.cost")["fingerprint"]!;
        var resultSha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder.Out, "d", "a.cost.json"))));
        var stamp = File.ReadAllText(Path.Combine(folder.Out, ".costdsl", "stamps", "d", "a.cost.json"));
        var badStamp = File.ReadAllText(Path.Combine(folder.Out, ".costdsl", "stamps", "bad.cost.json"));

        Assert.Multiple(() =>
        {
            Assert.That(stamp, Is.EqualTo(
                "{\"schema\":\"costdsl-stamp/2\",\"file\":\"d/a.cost\",\"result\":\"d/a.cost.json\",\"resultSha256\":\"" + resultSha
                + "\",\"status\":\"ok\",\"outputs\":2,\"diagnostics\":0,\"fingerprint\":\"" + fingerprint + "\",\"inputs\":[\"./d/a.cost\"]}\n"));
            Assert.That(badStamp, Does.Contain("\"status\":\"error\",\"outputs\":0,\"diagnostics\":1,\"fingerprint\":"));
            Assert.That(index, Does.Contain(
                "    {\n      \"file\": \"d/a.cost\",\n      \"result\": \"d/a.cost.json\",\n      \"status\": \"ok\",\n      \"outputs\": 2,\n"
                + "      \"diagnostics\": 0,\n      \"fingerprint\": \"" + fingerprint + "\"\n    }"));
        });
    }
}
