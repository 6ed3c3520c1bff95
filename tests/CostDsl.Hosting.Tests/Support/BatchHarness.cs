using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CostDsl.Hosting.Tests.Support;

/// <summary>Starts the real batch host, as costdsl batch does, with its log in memory.</summary>
public sealed class BatchHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private BatchHarness(IHost host, StringWriter log)
    {
        Host = host;
        Log = log;
        Outcome = host.Services.GetRequiredService<BatchOutcome>();
    }

    public IHost Host { get; }

    public StringWriter Log { get; }

    public BatchOutcome Outcome { get; }

    public static async Task<BatchHarness> StartAsync(string input, string output, Action<CostDslOptions>? configure = null, bool watch = false, string? settingsFile = null, Action<IServiceCollection>? services = null)
    {
        var log = new StringWriter();
        var builder = CostDslBatchHost.CreateBuilder(
            b =>
            {
                b.Input = input;
                b.Output = output;
                b.Watch = watch;
                b.Debounce = TimeSpan.FromMilliseconds(100);
            },
            TextWriter.Synchronized(log),
            settingsFile,
            configure);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new BatchHarness(host, log);
    }

    /// <summary>Runs one batch to its end and returns how it ended.</summary>
    public static async Task<BatchOutcome> RunAsync(string input, string output, Action<CostDslOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        await using var harness = await StartAsync(input, output, configure, services: services);
        await harness.Outcome.Finished.WaitAsync(Timeout);
        return harness.Outcome;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
