using CostDsl.Tests.Support;

namespace CostDsl.Tests.Fuzzing;

/// <summary>
/// Every file the fuzz harness (or the hostile-input campaign) ever broke something with,
/// kept in Regressions/ and replayed through the same oracle: each must now end in a located
/// diagnostic or a clean result, inside the limits.
/// </summary>
public class RegressionTests
{
    private static IEnumerable<string> Cases() =>
        Directory.EnumerateFiles(Repository.PathTo("tests", "CostDsl.Tests", "Fuzzing", "Regressions"), "*.cost").Order(StringComparer.Ordinal).Select(Path.GetFileName)!;

    [TestCaseSource(nameof(Cases))]
    public void StillHolds(string name) =>
        FuzzOracle.Holds(File.ReadAllBytes(Repository.PathTo("tests", "CostDsl.Tests", "Fuzzing", "Regressions", name)));

    [Test]
    public void TheFolderHasCases() => Assert.That(Cases().Count(), Is.GreaterThanOrEqualTo(5));
}
