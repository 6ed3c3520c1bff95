using CostDsl.Tests.Support;

namespace CostDsl.Tests.Advice;

/// <summary>Issue 16: hr, hour and sec are units (aliases in rules/units.cost); hours, tokens and the like are suggested.</summary>
public class UnitSpellingTests
{
    [TestCase("2 hr", 7200)]
    [TestCase("2 hour", 7200)]
    [TestCase("30 sec", 30)]
    [TestCase("1 khr", 3.6e6)]
    public void TheAcceptedSpellingsAreUnitsOfTime(string text, double seconds) =>
        Assert.That(Spec.Clean($"output t = {text} in s").Output("t").Value, Is.EqualTo(seconds).Within(1e-9));

    [TestCase("hours", "h")]
    [TestCase("hrs", "h")]
    [TestCase("seconds", "s")]
    [TestCase("tokens", "token")]
    [TestCase("minutes", "min")]
    public void APluralOrLongSpellingSaysWhatToWrite(string spelling, string unit) =>
        Assert.That(
            Spec.Run($"output t = 3 {spelling}").Single("CD0206").Message,
            Is.EqualTo($"unknown unit '{spelling}'; write '{unit}' (units are symbols, singular: '{spelling}' stays free as a name)"));

    [Test]
    public void PluralsStayFreeAsNames() =>
        Assert.That(Spec.Clean("let hours = 3 h\nlet tokens = 2 token\noutput x = tokens / hours in token/h").Output("x").Value, Is.EqualTo(2.0 / 3));
}
