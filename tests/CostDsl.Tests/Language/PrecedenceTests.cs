using CostDsl.Tests.Support;

namespace CostDsl.Tests.Language;

/// <summary>The precedence table of grammar/language.md, checked through the values users get.</summary>
public class PrecedenceTests
{
    [TestCase("2 + 3 * 4", 14)]
    [TestCase("(2 + 3) * 4", 20)]
    [TestCase("10 - 4 - 3", 3)]
    [TestCase("24 / 4 / 2", 3)]
    [TestCase("-2 ^ 2", -4)]
    [TestCase("2 ^ 3 ^ 2", 512)]
    [TestCase("2 ^ -1", 0.5)]
    [TestCase("- - 3", 3)]
    [TestCase("2 * -3", -6)]
    [TestCase("1_000_000 / 1e6", 1)]
    [TestCase("35%", 0.35)]
    [TestCase("6.2e9 / 2", 3.1e9)]
    [TestCase("if 1 < 2 then 10 else 20", 10)]
    [TestCase("if 1 > 2 then 10 else if 2 > 1 then 30 else 40", 30)]
    [TestCase("if not 1 > 2 and 2 > 1 or 1 > 2 then 1 else 0", 1)]
    public void ArithmeticFollowsThePrecedenceTable(string expression, double expected) =>
        Assert.That(Spec.Clean($"output x = {expression}").Output("x").Value, Is.EqualTo(expected).Within(1e-12));

    [Test]
    public void AUnitAfterANumberBindsTighterThanMultiplication()
    {
        // 6 FLOP/token * n is (6 FLOP/token) * n, not 6 FLOP/(token * n).
        var result = Spec.Clean("let n = 2\noutput x = 6 FLOP/token * n * 10 token");
        Assert.That(result.Output("x"), Is.EqualTo((120.0, "FLOP")));
    }

    [Test]
    public void ASlashWithSpacesIsDivisionNotAUnit() =>
        Assert.That(Spec.Clean("let n = 4\noutput x = 80 GB / n in GB").Output("x"), Is.EqualTo((20.0, "GB")));

    [Test]
    public void JuxtaposedUnitsMultiply() =>
        Assert.That(Spec.Clean("output x = 2 kW h in J").Output("x").Value, Is.EqualTo(7.2e6).Within(1e-9));

    [Test]
    public void UnitPowers() =>
        Assert.That(Spec.Clean("unit m\noutput x = 3 m^2 / 1 m in m").Output("x"), Is.EqualTo((3.0, "m")));

    [Test]
    public void ComparisonsDoNotChain()
    {
        var result = Spec.Run("output x = 1 < 2 < 3");
        Assert.That(result.Errors(), Is.EqualTo(new[] { "1:18 CD0104" }));
    }

    [Test]
    public void InMayOnlyEndAnExpression()
    {
        var result = Spec.Run("output x = (1 GB in MB) + 1 MB");
        Assert.That(result.Errors(), Is.EqualTo(new[] { "1:18 CD0101" }));
    }
}
