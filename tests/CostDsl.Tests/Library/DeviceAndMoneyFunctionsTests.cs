namespace CostDsl.Tests.Library;

public class DeviceAndMoneyFunctionsTests
{
    [Test]
    public void DevicesForComputeRate() =>
        // 1 PFLOP/s / (100 TFLOP/s * 40%) = 25
        Assert.That(Library.Value("devices_for(1 PFLOP/s, G.bf16, 40%)", "unitless"), Is.EqualTo(25).Within(1e-9).Percent);

    [Test]
    public void DevicesForMemoryIsNotRounded() =>
        // 140 GB / (80 GB * 100%) = 1.75
        Assert.That(Library.Value("devices_for(140 GB, G.memory, 1)", "unitless"), Is.EqualTo(1.75).Within(1e-9).Percent);

    [Test]
    public void DevicesForNeedsOneDimension() =>
        Assert.That(Library.Codes("devices_for(140 GB, G.bf16, 1)"), Is.EqualTo(new[] { "CD0203" }));

    [Test]
    public void EnergyCostMultipliesPowerTimePueAndPrice() =>
        // 500 W * 1000 h = 500 kWh; * PUE 1.5 = 750 kWh; * 0.2 USD/kWh = 150 USD
        Assert.That(Library.Value("energy_cost(G.power, 1000 h, 0.2 USD/kWh, 1.5)", "USD"), Is.EqualTo(150).Within(1e-9).Percent);

    [Test]
    public void EnergyCostNeedsAnEnergyPrice() =>
        Assert.That(Library.Codes("energy_cost(G.power, 1 h, 0.2 USD/h, 1)"), Is.EqualTo(new[] { "CD0203" }));

    [Test]
    public void AmortizedSpreadsThePriceOverTheLifetime() =>
        // 20000 USD / (4 * 365.25 * 24 h = 35,064 h) = 0.57039... USD/h
        Assert.That(Library.Value("amortized(G.price, 4 year)", "USD/h"), Is.EqualTo(20000 / 35_064.0).Within(1e-9).Percent);
}
