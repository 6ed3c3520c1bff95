using CostDsl.Engine;

namespace CostDsl.Tests.Pipeline;

/// <summary>
/// The batch's deep-stack threads: reused from run to run, yet each run behaves as on a thread of its
/// own (a deep stack, its caller's context, a thread even while another run is stuck).
/// </summary>
public class DeepStackThreadsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Test]
    public async Task A_run_after_another_reuses_its_thread()
    {
        using var threads = new DeepStackThreads();

        var first = await threads.RunAsync(() => Environment.CurrentManagedThreadId);
        var second = await threads.RunAsync(() => Environment.CurrentManagedThreadId);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public async Task A_run_while_another_is_stuck_gets_a_thread_of_its_own()
    {
        using var threads = new DeepStackThreads();
        using var release = new ManualResetEventSlim();
        var stuck = threads.RunAsync(() => release.Wait(Patience));

        var other = await threads.RunAsync(() => 42).WaitAsync(Patience);
        release.Set();

        Assert.Multiple(async () =>
        {
            Assert.That(other, Is.EqualTo(42));
            Assert.That(await stuck.WaitAsync(Patience), Is.True);
        });
    }

    [Test]
    public async Task Every_run_has_the_deep_stack_the_checker_is_sized_for()
    {
        using var threads = new DeepStackThreads();

        // Half a million nested calls need tens of megabytes: far past a thread-pool thread's stack.
        for (var run = 0; run < 2; run++)
        {
            Assert.That(await threads.RunAsync(() => Depth(500_000)), Is.EqualTo(500_000));
        }
    }

    [Test]
    public async Task A_reused_thread_runs_in_its_callers_context()
    {
        using var threads = new DeepStackThreads();
        var value = new AsyncLocal<string>();

        value.Value = "first";
        var first = await threads.RunAsync(() => value.Value);
        value.Value = "second";
        var second = await threads.RunAsync(() => value.Value);

        Assert.That((first, second), Is.EqualTo(("first", "second")));
    }

    [Test]
    public void A_failing_run_faults_its_task_and_the_thread_serves_the_next()
    {
        using var threads = new DeepStackThreads();

        Assert.ThrowsAsync<InvalidOperationException>(() => threads.RunAsync<int>(() => throw new InvalidOperationException("spec broke")));
        Assert.That(threads.RunAsync(() => 7).Wait(Patience), Is.True);
    }

    [Test]
    public async Task Runs_still_complete_after_the_threads_are_disposed()
    {
        var threads = new DeepStackThreads();
        await threads.RunAsync(() => 1);
        threads.Dispose();

        Assert.That(await threads.RunAsync(() => 2).WaitAsync(Patience), Is.EqualTo(2));
    }

    private static int Depth(int n) => n == 0 ? 0 : 1 + Depth(n - 1);
}
