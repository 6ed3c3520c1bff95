using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CostDsl.Hosting;

/// <summary>
/// The Generic Host behind <c>costdsl batch</c>: configuration from appsettings.json in
/// <paramref name="contentRoot"/> and from environment variables (<c>CostDsl__Samples=...</c>), logs
/// on <paramref name="log"/>, and the console lifetime, which turns Ctrl-C and SIGTERM into a stop.
/// </summary>
public static class CostDslBatchHost
{
    public static HostApplicationBuilder CreateBuilder(
        Action<BatchOptions> batch,
        TextWriter log,
        string? contentRoot = null,
        Action<CostDslOptions>? configure = null,
        IBatchProgress? progress = null)
    {
        var root = Path.GetFullPath(contentRoot ?? Directory.GetCurrentDirectory());

        // No defaults: they would watch appsettings.json for changes and log to the console.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = root });
        builder.Configuration
            .AddJsonFile(Path.Combine(root, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddProvider(new TextWriterLoggerProvider(log));
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddCostDsl(configure);
        if (progress is not null)
        {
            builder.Services.AddSingleton(progress);
        }

        builder.Services.AddCostDslBatch(batch);
        return builder;
    }
}
