namespace CostDsl.Engine;

/// <summary>
/// Runs the pipeline on a thread with a large stack. The parser, checker and evaluator recurse on
/// the depth of an expression; their limits (<see cref="Parsing.Parser.DefaultMaxDepth"/>,
/// <see cref="Semantics.Checker.MaxExpressionDepth"/>) are sized for this stack, not for the 1 MB
/// of a thread-pool thread. The memory is reserved, not committed, until it is used.
/// </summary>
internal static class DeepStack
{
    public const int StackBytes = 512 * 1024 * 1024;

    public static T Run<T>(Func<T> work, CancellationToken cancellation = default)
    {
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            StackBytes)
        {
            IsBackground = true,
            Name = "costdsl-eval",
        };
        thread.Start();
        while (!thread.Join(100))
        {
            cancellation.ThrowIfCancellationRequested();
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return result!;
    }
}
