using Microsoft.Extensions.DependencyInjection;

namespace CostDsl.Hosting.Tests.Support;

/// <summary>Puts a decorator around the registered <see cref="ICostEvaluator"/>, as a host that wraps it would.</summary>
public static class EvaluatorWrapper
{
    public static Action<IServiceCollection> Install(Func<ICostEvaluator, ICostEvaluator> wrap) => services =>
    {
        var real = services.Single(d => d.ServiceType == typeof(ICostEvaluator));
        services.Remove(real);
        services.AddSingleton(provider => wrap((ICostEvaluator)ActivatorUtilities.CreateInstance(provider, real.ImplementationType!)));
    };
}
