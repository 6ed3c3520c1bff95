using CostDsl.Examples.Host;

namespace CostDsl.Hosting.Tests.Service;

/// <summary>The example program in examples/host builds and answers as its README says.</summary>
public class HostExampleTests
{
    [Test]
    public async Task ThePlannerEvaluatesSpecsFromCode()
    {
        var output = new StringWriter();
        var exit = await HostExample.RunAsync([], output).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), output.ToString());
            Assert.That(output.ToString(), Does.Contain("1000 users:   20 A100").And.Contain("over budget"));
        });
    }
}
