namespace CostDsl.Hosting;

/// <summary>
/// What a batch's results were made with, as its index names it: the SHA-256 of the settings that
/// decide a result (samples, seed, limits, rules roots), the engine build (the module version ids of
/// the engine and the host, which change with every build of either), and the shard.
/// </summary>
public sealed record BatchIdentity(string Settings, string Engine, BatchShard Shard);
