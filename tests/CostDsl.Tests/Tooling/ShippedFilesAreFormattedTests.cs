using CostDsl.Tests.Support;
using CostDsl.Text;
using CostDsl.Tooling.Formatting;

namespace CostDsl.Tests.Tooling;

/// <summary>The specs we ship are in the canonical layout: what `costdsl fmt --check` asks of a user's CI, we ask of ours.</summary>
public class ShippedFilesAreFormattedTests
{
    [TestCaseSource(typeof(SpecFiles), nameof(SpecFiles.All))]
    public void IsInTheCanonicalLayout(string relative)
    {
        var result = Formatter.Format(new SourceFile(relative, File.ReadAllText(Repository.PathTo(relative)), Repository.PathTo(relative)));
        Assert.That(result.Changed, Is.False, $"run: costdsl fmt {relative}");
    }
}
