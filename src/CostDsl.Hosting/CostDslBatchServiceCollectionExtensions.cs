using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CostDsl.Hosting;

public static class CostDslBatchServiceCollectionExtensions
{
    /// <summary>Adds the batch service (a hosted service) over <see cref="ICostEvaluator"/>; call <see cref="CostDslServiceCollectionExtensions.AddCostDsl"/> too.</summary>
    public static IServiceCollection AddCostDslBatch(this IServiceCollection services, Action<BatchOptions> configure)
    {
        services.AddOptions<BatchOptions>().Configure(configure).Validate(b => b.Input.Length > 0 && b.Output.Length > 0, "the batch needs an input and an output folder").ValidateOnStart();
        services.TryAddSingleton<IBatchProgress, NoProgress>();
        services.TryAddSingleton<BatchOutcome>();
        services.TryAddSingleton<BatchRunner>();
        services.AddHostedService<BatchService>();
        return services;
    }
}
