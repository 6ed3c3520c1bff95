using CostDsl.Parsing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CostDsl.Hosting;

public static class CostDslServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICostEvaluator"/> (one instance, safe to share between threads) and its
    /// options: first the configuration section <c>CostDsl</c> when the host has a configuration,
    /// then <paramref name="configure"/>, so code overrides files.
    /// </summary>
    public static IServiceCollection AddCostDsl(this IServiceCollection services, Action<CostDslOptions>? configure = null)
    {
        var builder = services.AddOptions<CostDslOptions>()
            .Configure<IServiceProvider>((options, provider) => provider.GetService<IConfiguration>()?.GetSection(CostDslOptions.SectionName).Bind(options));
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CostDslOptions>, CostDslOptionsValidator>());
        services.TryAddSingleton<ImportCache>();
        services.TryAddSingleton<ICostEvaluator, CostEvaluator>();
        return services;
    }
}
