using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CostDsl.Hosting;

/// <summary>
/// The Generic Host behind <c>costdsl batch</c>: configuration only from the JSON file the user names
/// (<paramref name="settingsFile"/>, <c>--settings FILE</c>) and from code, logs on <paramref name="log"/>,
/// and the console lifetime, which turns Ctrl-C and SIGTERM into a stop. Settings can widen what imports
/// may read (RulesRoots), so nothing is picked up implicitly: not an appsettings.json in the folder the
/// command runs in, not environment variables.
/// </summary>
public static class CostDslBatchHost
{
    public static HostApplicationBuilder CreateBuilder(
        Action<BatchOptions> batch,
        TextWriter log,
        string? settingsFile = null,
        Action<CostDslOptions>? configure = null,
        IBatchProgress? progress = null)
    {
        // No defaults: they would read appsettings.json and environment variables, watch them, and log to the console.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = Path.GetTempPath() });
        if (settingsFile is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(settingsFile), optional: false, reloadOnChange: false);
        }

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
