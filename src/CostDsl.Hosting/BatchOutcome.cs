namespace CostDsl.Hosting;

/// <summary>
/// How the batch service ended, for the command line's exit code, and how many passes it has made,
/// for a caller (a test, a planning service) that waits on it. Thread-safe.
/// </summary>
public sealed class BatchOutcome
{
    private readonly Lock gate = new();
    private readonly List<(int Passes, TaskCompletionSource Done)> waiting = [];
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Passes { get; private set; }

    public BatchPassSummary? LastPass { get; private set; }

    /// <summary>Stopped before the first pass was complete.</summary>
    public bool Interrupted { get; private set; }

    /// <summary>The batch could not run at all (no input folder, an output folder it cannot write).</summary>
    public string? Failure { get; private set; }

    public Task Finished => finished.Task;

    /// <summary>0 when every file evaluated without error or failed assert; 1 otherwise, or when stopped or failed before the end.</summary>
    public int ExitCode => Failure is not null || Interrupted || LastPass is null ? 1 : LastPass.ExitCode;

    public Task WaitForPassesAsync(int count)
    {
        lock (gate)
        {
            if (Passes >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.Add((count, done));
            return done.Task;
        }
    }

    internal void PassDone(BatchPassSummary summary)
    {
        lock (gate)
        {
            Passes++;
            LastPass = summary;
            foreach (var wait in waiting.Where(w => w.Passes <= Passes).ToList())
            {
                waiting.Remove(wait);
                wait.Done.TrySetResult();
            }
        }
    }

    internal void End(bool interrupted, string? failure)
    {
        lock (gate)
        {
            Interrupted = interrupted && LastPass is null;
            Failure = failure;
            foreach (var wait in waiting)
            {
                wait.Done.TrySetCanceled();
            }

            waiting.Clear();
        }

        finished.TrySetResult();
    }
}
