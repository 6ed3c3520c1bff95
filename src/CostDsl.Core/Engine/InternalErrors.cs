namespace CostDsl.Engine;

/// <summary>
/// The words of CD0999: an exception nobody expected is a bug of costdsl, said without its stack
/// trace, the same wherever it is caught (the engine around a whole run, a session around one output).
/// </summary>
public static class InternalErrors
{
    public static string Message(string file, Exception error) =>
        $"internal error while evaluating {file}: {error.GetType().Name}: {error.Message}. Please report it with the file.";
}
