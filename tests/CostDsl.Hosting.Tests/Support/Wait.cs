using System.Diagnostics;

namespace CostDsl.Hosting.Tests.Support;

/// <summary>Waits on a condition, not on the clock: returns as soon as it holds, fails after the timeout.</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? BatchHarness.Timeout;
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"timed out after {limit.TotalSeconds} s waiting until {what}");
            }

            await Task.Delay(20);
        }
    }
}
