using CostDsl.Diagnostics;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Advice;

/// <summary>Issue 16: a dimensionless value outside its meaningful range is a warning (CD0802-CD0805), never an error.</summary>
public class PlausibilityTests
{
    [Test]
    public void AUtilFieldWrittenAsAPlainNumberIsAWarningThatSuggestsThePercentage()
    {
        var result = Spec.Run("workload chat {\n  users = 10\n  util = 40\n}\noutput x = chat.users * chat.util");
        var warning = result.Single("CD0802");
        Assert.Multiple(() =>
        {
            Assert.That(warning.Severity, Is.EqualTo(Severity.Warning));
            Assert.That(warning.Message, Is.EqualTo("chat.util is 4000%, above 100%: a share of peak cannot exceed the whole; did you mean 40%?"));
            Assert.That((warning.Line, warning.Column), Is.EqualTo((3, 10)));
            Assert.That(result.ExitCode, Is.EqualTo(0));
            Assert.That(result.Output("x").Value, Is.EqualTo(400));
        });
    }

    [Test]
    public void AnArgumentNamedUtilIsLookedAtToo() =>
        Assert.That(
            Spec.Run("output n = devices_for(1e15 FLOP/s, 1e12 FLOP/s, util: 40)").Single("CD0802").Message,
            Is.EqualTo("devices_for's util is 4000%, above 100%: a share of peak cannot exceed the whole; did you mean 40%?"));

    [Test]
    public void APueBelowOneIsAWarning() =>
        Assert.That(Spec.Run("let pue = 0.5\noutput x = pue").Single("CD0804").Message, Does.StartWith("pue is 0.5: a PUE is facility energy over IT energy"));

    [Test]
    public void AnOverheadOfAHundredPercentIsAWarning() =>
        Assert.That(Spec.Run("workload w { overhead = 100% }\noutput x = w.overhead").Single("CD0805").Message, Does.StartWith("w.overhead is 100%"));

    [Test]
    public void AZeroShareIsAWarning() =>
        Assert.That(Spec.Run("let util = 0%\noutput x = util").Single("CD0803").Severity, Is.EqualTo(Severity.Warning));

    [Test]
    public void TheEndOfAnUncertainRangeCounts() =>
        Assert.That(Spec.Run("let util = 40% to 120%\noutput x = util").Single("CD0802").Message, Does.StartWith("util is 40% to 120%, above 100%"));

    [Test]
    public void ASetOfUtilToFiftyIsReportedAtTheSetWithoutAFilePosition()
    {
        var warning = Spec.Run("let util = 40%\noutput x = util", "util=50").Single("CD0802");
        Assert.Multiple(() =>
        {
            Assert.That(warning.Message, Is.EqualTo("--set util=50: util is 5000%, above 100%: a share of peak cannot exceed the whole; did you mean 50%?"));
            Assert.That(warning.Span, Is.Null);
        });
    }

    [Test]
    public void PlausibleValuesAndComputedOnesAreQuiet() =>
        Spec.Clean("let demand = 180\nlet capacity = 100\nlet util = demand / capacity * 1\nworkload w { util = 45%; overhead = 20% }\nlet pue = 1.2\noutput x = util * w.util * pue");

    [Test]
    public void AWarningExitsZeroUnlessWarningsAreErrors()
    {
        using var folder = new TempFolder();
        var path = folder.Write("spec.cost", "workload w { util = 40 }\noutput x = w.util");
        var plain = CliRunner.Run("check", path);
        var strict = CliRunner.Run("check", path, "--warnings-as-errors");
        var strictEval = CliRunner.Run("eval", path, "--warnings-as-errors");
        Assert.Multiple(() =>
        {
            Assert.That(plain.ExitCode, Is.EqualTo(0));
            Assert.That(plain.Error, Does.Contain("warning CD0802"));
            Assert.That(strict.ExitCode, Is.EqualTo(1));
            Assert.That(strictEval.ExitCode, Is.EqualTo(1));
        });
    }
}
