using System.Globalization;
using CsCheck;

namespace CostDsl.Tests.Fuzzing;

/// <summary>
/// The fuzz harness, run for a bounded time inside the normal test run (category Fuzz): CsCheck
/// (chosen over FsCheck for its C# API and its seeds, which replay and shrink a failure to a small
/// file) generates well-typed specs with extreme magnitudes and hostile files, and
/// <see cref="FuzzOracle"/> checks each. COSTDSL_FUZZ_SECONDS sets the budget of each test (default
/// 25 s, so about a minute in all); COSTDSL_FUZZ_SEED replays a failure's seed. One thread: the CI
/// runner's cores are shared. A failure prints the file: keep it in Regressions/, fix, and it is
/// replayed by <see cref="RegressionTests"/> from then on.
/// </summary>
[Category("Fuzz")]
public class FuzzTests
{
    private static int Seconds =>
        int.TryParse(Environment.GetEnvironmentVariable("COSTDSL_FUZZ_SECONDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : 25;

    private static string? Seed => Environment.GetEnvironmentVariable("COSTDSL_FUZZ_SEED") is { Length: > 0 } seed ? seed : null;

    [Test]
    public void WellTypedSpecsWithExtremeMagnitudes() =>
        SpecGenerators.WellTyped.Sample(file => FuzzOracle.Holds(file), seed: Seed, iter: long.MaxValue, time: Seconds, threads: 1, print: Print);

    [Test]
    public void HostileFiles() =>
        SpecGenerators.Hostile.Sample(file => FuzzOracle.Holds(file), seed: Seed, iter: long.MaxValue, time: Seconds, threads: 1, print: Print);

    private static string Print(byte[] file) => $"{file.Length} bytes: {Convert.ToBase64String(file.AsSpan(0, Math.Min(file.Length, 3000)))}";
}
