using CostDsl.Tests.Support;

namespace CostDsl.Tests.Advice;

/// <summary>Issue 16: did-you-mean on the command line, said about the argument, never at line 1, column 1 of the spec.</summary>
public class CommandLineHintTests
{
    private const string Text = "let rent = 2.5 USD/h\nlet users = 100 to 200\noutput cost = rent * 10 h\noutput load = users * 2\nscenario busy { users = 300 }";

    [Test]
    public void AMisspeltCommandSuggestsTheCommand()
    {
        var outcome = CliRunner.Run("evl", "examples/chat.cost");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2));
            Assert.That(outcome.Error.Split('\n')[0], Is.EqualTo("costdsl: Unrecognized command or argument 'evl'; did you mean 'eval'?"));
        });
    }

    [Test]
    public void AMisspeltOptionSuggestsTheOption()
    {
        var outcome = CliRunner.Run("eval", "examples/chat.cost", "--sampels", "10");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2));
            Assert.That(outcome.Error.Split('\n')[0], Is.EqualTo("costdsl: unknown option '--sampels'; did you mean '--samples'?"));
        });
    }

    [TestCase("eval", "--sensitivity", "lod", "costdsl: error CD0312: --sensitivity lod: no output of that name; did you mean 'load'?")]
    [TestCase("eval", "--sweep", "rnt=[1 USD/h, 2 USD/h]", "costdsl: error CD0301: --sweep rnt: no let or Block.field of that name; did you mean 'rent'?")]
    [TestCase("eval", "--set", "rnt=1 USD/h", "costdsl: error CD0311: cannot set rnt: no let or Block.field of that name; did you mean 'rent'?")]
    [TestCase("eval", "--scenario", "bsy", "costdsl: error CD0314: --scenario bsy: the spec has no scenario of that name; did you mean 'busy'? (it has: busy)")]
    public void AMisspeltNameInAnArgumentIsSaidAboutTheArgument(string command, string option, string value, string line)
    {
        using var folder = new TempFolder();
        var outcome = CliRunner.Run(command, folder.Write("spec.cost", Text), option, value, "--format", "table");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Error.Split('\n'), Does.Contain(line));
            Assert.That(outcome.Error, Does.Not.Contain("spec.cost:1:1").And.Not.Contain("| ^"));
        });
    }

    [Test]
    public void AMisspeltExplainNameIsSaidWithoutACaret()
    {
        using var folder = new TempFolder();
        var outcome = CliRunner.Run("explain", folder.Write("spec.cost", Text), "rant");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Error, Does.StartWith("costdsl: error CD0301: ").And.Contain("did you mean 'rent'?"));
            Assert.That(outcome.Error, Does.Not.Contain(":1:1"));
        });
    }

    [Test]
    public void ASetThatChangesADimensionIsReportedAtTheSet()
    {
        using var folder = new TempFolder();
        var outcome = CliRunner.Run("eval", folder.Write("spec.cost", Text), "--set", "rent=2 USD", "--format", "table");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Error, Does.StartWith("costdsl: error CD0801: --set rent=2 USD: rent is USD/h in the spec (").And.Contain("but this makes it USD"));
            Assert.That(outcome.Error, Does.Not.Contain("spec.cost:3"), "not at the output that uses rent");
        });
    }

    [Test]
    public void AScenarioSettingThatChangesADimensionIsReportedAtTheSetting()
    {
        var result = Spec.Run("let rent = 2.5 USD/h\noutput cost = rent * 10 h\nscenario cheap { rent = 2 USD }", new Engine.EvaluationOptions { Scenario = "cheap" });
        var error = result.Single("CD0801");
        Assert.Multiple(() =>
        {
            Assert.That((error.Line, error.Column), Is.EqualTo((3, 25)));
            Assert.That(result.Errors(), Has.Length.EqualTo(1));
        });
    }
}
