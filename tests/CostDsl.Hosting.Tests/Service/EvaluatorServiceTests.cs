using CostDsl.Parsing;
using CostDsl.Engine;
using CostDsl.Hosting.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CostDsl.Hosting.Tests.Service;

/// <summary>AddCostDsl in a host: options from configuration, the evaluator's calls, and its shared cache.</summary>
public class EvaluatorServiceTests
{
    [Test]
    public async Task OptionsComeFromTheCostDslSectionAndCodeOverridesThem()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CostDsl:Samples"] = "2000",
            ["CostDsl:Seed"] = "9",
            ["CostDsl:Parallelism"] = "3",
            ["CostDsl:Limits:MaxSourceBytes"] = "1000",
            ["CostDsl:Limits:MaxEvaluationTime"] = "00:00:02",
        });
        builder.Services.AddCostDsl(o => o.Seed = 11);
        using var host = builder.Build();
        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<CostDslOptions>>().Value;
        Assert.Multiple(() =>
        {
            Assert.That(options.Samples, Is.EqualTo(2000));
            Assert.That(options.Seed, Is.EqualTo(11));
            Assert.That(options.Parallelism, Is.EqualTo(3));
            Assert.That(options.Limits.MaxSourceBytes, Is.EqualTo(1000));
            Assert.That(options.Limits.MaxEvaluationTime, Is.EqualTo(TimeSpan.FromSeconds(2)));
        });
        await host.StopAsync();
    }

    [Test]
    public void BadSettingsStopTheHostAtStart()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddCostDsl(o =>
        {
            o.Parallelism = 0;
            o.RulesRoots.Add("/no/such/folder");
        });
        using var host = builder.Build();

        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.That(error!.Failures, Has.Some.Contains("Parallelism").And.Some.Contains("/no/such/folder"));
    }

    [Test]
    public async Task ParseCheckEvaluateAndJson()
    {
        var evaluator = Evaluator();
        var source = SpecSource.FromText(Specs.Good(300), "plan.cost", Path.GetTempPath());

        var parsed = await evaluator.ParseAsync(source);
        var checkedOnly = await evaluator.CheckAsync(source);
        var evaluated = await evaluator.EvaluateAsync(source);
        var json = ResultJson.Parse(evaluator.ToJson(evaluated));

        Assert.Multiple(() =>
        {
            Assert.That(parsed.Tree!.Declarations, Has.Length.EqualTo(6));
            Assert.That(checkedOnly.Run.Diagnostics, Is.Empty);
            Assert.That(checkedOnly.Run.Evaluation, Is.Null);
            Assert.That((string)json["file"]!, Is.EqualTo("plan.cost"));
            Assert.That((double)json["outputs"]!["users"]!["value"]!, Is.EqualTo(300));
            Assert.That(evaluated.Inputs.Select(i => i.Location), Is.EqualTo(new[] { source.Location, "std/units.cost", "std/hardware/nvidia.cost", "std/models/llama.cost" }));
        });
    }

    [Test]
    public async Task OptionsPassedInACallStillMeetTheLimits()
    {
        var evaluator = Evaluator(o => o.Limits.MaxSamples = 100);
        var result = await evaluator.EvaluateAsync(SpecSource.FromText("output x = 1\n"), new EvaluationOptions { Samples = 101 });
        Assert.That(result.Run.Diagnostics.Select(d => (d.Code.Id, d.Message.Contains("MaxSamples", StringComparison.Ordinal))), Is.EqualTo(new[] { ("CD0003", true) }));
    }

    [Test]
    public void TheCallersCancellationEndsTheCall()
    {
        var evaluator = Evaluator(o => o.Limits.MaxSteps = Specs.UnboundedSteps);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.That(() => evaluator.EvaluateAsync(SpecSource.FromText(Specs.Forever(40)), cancellation: cancel.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task ConcurrentCallsParseEachSharedImportOnce()
    {
        using var services = new ServiceCollection().AddCostDsl().BuildServiceProvider();
        var evaluator = services.GetRequiredService<ICostEvaluator>();
        var cache = services.GetRequiredService<ImportCache>();

        var results = await Task.WhenAll(Enumerable.Range(1, 40).Select(i => evaluator.EvaluateAsync(SpecSource.FromText(Specs.Good(i), $"s{i}.cost", Path.GetTempPath()))));

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Run.Diagnostics.Count), Is.All.EqualTo(0));
            Assert.That(cache.Count, Is.EqualTo(3), "std/units.cost and the two catalogs");
            Assert.That(cache.Parses, Is.EqualTo(3), "each parsed once for 40 runs");
        });
    }

    [Test]
    public async Task AnImportWhoseTextChangedIsParsedAgainAndReplacesTheOldEntry()
    {
        using var folder = new TempFolder();
        using var services = new ServiceCollection().AddCostDsl().BuildServiceProvider();
        var evaluator = services.GetRequiredService<ICostEvaluator>();
        var cache = services.GetRequiredService<ImportCache>();
        var main = folder.Write("main.cost", "import \"lib.cost\"\noutput v = value\n");

        folder.Write("lib.cost", "let value = 1\n");
        var first = await evaluator.EvaluateAsync(SpecSource.FromFile(main));
        folder.Write("lib.cost", "let value = 2\n");
        var second = await evaluator.EvaluateAsync(SpecSource.FromFile(main));

        Assert.Multiple(() =>
        {
            Assert.That(ResultJson.Output(evaluator.ToJson(first), "v"), Is.EqualTo(1));
            Assert.That(ResultJson.Output(evaluator.ToJson(second), "v"), Is.EqualTo(2));
            Assert.That(cache.Count, Is.EqualTo(2), "std/units.cost and lib.cost, one entry each");
        });
    }

    private static ICostEvaluator Evaluator(Action<CostDslOptions>? configure = null) =>
        new ServiceCollection().AddCostDsl(configure).BuildServiceProvider().GetRequiredService<ICostEvaluator>();
}
