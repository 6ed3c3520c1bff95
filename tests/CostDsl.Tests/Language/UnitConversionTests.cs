using CostDsl.Tests.Support;

namespace CostDsl.Tests.Language;

public class UnitConversionTests
{
    [Test]
    public void PetaflopDaysConvertToFlop()
    {
        // 3640 * 1e15 FLOP/s * 86400 s = 3.14496e23 FLOP
        var (value, unit) = Spec.Clean("output x = 3640 PFday in FLOP").Output("x");
        Assert.Multiple(() =>
        {
            Assert.That(value, Is.EqualTo(3.14496e23).Within(1e-12).Percent);
            Assert.That(unit, Is.EqualTo("FLOP"));
        });
    }

    [Test]
    public void KilobyteIsEightThousandBits() =>
        Assert.That(Spec.Clean("output x = 1 kB in bit").Output("x"), Is.EqualTo((8000.0, "bit")));

    [Test]
    public void CurrencyRateIsAnAssumptionInTheFile()
    {
        var (value, unit) = Spec.Clean("unit CNY = USD / 7.1\noutput x = 71 CNY in USD").Output("x");
        Assert.Multiple(() =>
        {
            Assert.That(value, Is.EqualTo(10).Within(1e-12));
            Assert.That(unit, Is.EqualTo("USD"));
        });
    }
}
