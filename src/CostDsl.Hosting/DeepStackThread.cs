namespace CostDsl.Hosting;

/// <summary>
/// Runs one file's pipeline on a thread of its own with a large stack, as the core's engine does: the
/// parser's and checker's depth limits are sized for 512 MB (reserved, not committed), not for the
/// 1 MB of a pool thread. The caller awaits a task, so it can walk away on cancellation at once.
/// </summary>
internal static class DeepStackThread
{
    private const int StackBytes = 512 * 1024 * 1024;

    public static Task<T> Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(
            () =>
            {
                try
                {
                    done.SetResult(work());
                }
                catch (OperationCanceledException e)
                {
                    done.SetCanceled(e.CancellationToken);
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            },
            StackBytes)
        {
            IsBackground = true,
            Name = "costdsl-eval",
        };
        thread.Start();
        return done.Task;
    }
}
