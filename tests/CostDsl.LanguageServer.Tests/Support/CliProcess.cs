using System.Diagnostics;

namespace CostDsl.LanguageServer.Tests.Support;

/// <summary>Runs the built <c>costdsl</c> in a folder, as a user would from a shell there.</summary>
public static class CliProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static Outcome Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "costdsl.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Outcome(process.ExitCode, output, error.Result);
    }
}
