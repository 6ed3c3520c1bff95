namespace CostDsl.Cli;

/// <summary>The exit codes of the command line (grammar/language.md, "The command line").</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An error in a spec, or a failed assert.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage of the command line.</summary>
    public const int Usage = 2;
}
