using CostDsl.Cli;

namespace CostDsl.Tests.Support;

/// <summary>Runs the costdsl command line in process, as a user would from a shell in the repository root.</summary>
public static class CliRunner
{
    private static readonly Lock CurrentDirectory = new();

    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static Outcome Run(params string[] args) => RunIn(Repository.Root, args);

    /// <summary>Runs the command line from another working directory.</summary>
    public static Outcome RunIn(string directory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit;
        lock (CurrentDirectory)
        {
            var previous = Environment.CurrentDirectory;
            Environment.CurrentDirectory = directory;
            try
            {
                exit = CliApp.Run(args, output, error);
            }
            finally
            {
                Environment.CurrentDirectory = previous;
            }
        }

        return new Outcome(exit, output.ToString(), error.ToString());
    }
}
