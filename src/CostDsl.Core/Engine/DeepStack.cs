namespace CostDsl.Engine;

/// <summary>
/// Runs work on a thread of its own with a large stack. The parser, checker and evaluator recurse on
/// the depth of an expression; their limits (<see cref="Parsing.Parser.DefaultMaxDepth"/>,
/// <see cref="Semantics.Checker.MaxExpressionDepth"/>) are sized for this stack, not for the 1.5 MB
/// of a thread-pool thread. The memory is reserved, not committed, until it is used.
/// </summary>
public static class DeepStack
{
    public const int StackBytes = 512 * 1024 * 1024;

    /// <summary>Starts the work and completes when it does; the caller's thread is not held.</summary>
    public static Task<T> RunAsync<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(
            () =>
            {
                try
                {
                    completion.SetResult(work());
                }
                catch (Exception e)
                {
                    completion.SetException(e);
                }
            },
            StackBytes)
        {
            IsBackground = true,
            Name = "costdsl-eval",
        };
        thread.Start();
        return completion.Task;
    }

    public static T Run<T>(Func<T> work) => RunAsync(work).GetAwaiter().GetResult();
}
