using System.Globalization;
using CostDsl.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CostDsl.Examples.Host;

/// <summary>The whole program: a host with AddCostDsl (settings from appsettings.json, section CostDsl), and a planner evaluating specs from code in parallel.</summary>
public static class HostExample
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellation = default)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddCostDsl(options => options.Parallelism = 2);
        builder.Services.AddSingleton<CapacityPlanner>();

        using var host = builder.Build();
        await host.StartAsync(cancellation);
        var planner = host.Services.GetRequiredService<CapacityPlanner>();

        // One shared evaluator, several requests at once, as a web service would see them.
        var plans = await Task.WhenAll(new[] { 100, 1_000, 10_000 }.Select(users => planner.PlanAsync(users, cancellation)));
        foreach (var plan in plans)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{plan.Users,6} users: {plan.Gpus,4} A100, {plan.BudgetUsd,10:0} USD, {(plan.WithinBudget ? "within" : "over")} budget"));
            foreach (var problem in plan.Problems)
            {
                output.WriteLine("  " + problem);
            }
        }

        await host.StopAsync(cancellation);
        return plans.Any(p => p.Problems.Count > 0) ? 1 : 0;
    }
}
