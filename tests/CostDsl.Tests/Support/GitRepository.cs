using System.Diagnostics;

namespace CostDsl.Tests.Support;

/// <summary>A throwaway git repository in a temporary folder, for tests of <c>REV:path</c>.</summary>
public sealed class GitRepository : IDisposable
{
    private readonly TempFolder folder = new();

    public GitRepository() => Git("init", "-q", ".");

    public string Root => folder.Root;

    public string Write(string relative, string text) => folder.Write(relative, text);

    public void Commit(string message)
    {
        Git("add", "-A");
        Git("-c", "user.name=costdsl tests", "-c", "user.email=tests@costdsl.invalid", "commit", "-q", "-m", message);
    }

    public void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        var error = git.StandardError.ReadToEnd();
        git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error}");
        }
    }

    public void Dispose() => folder.Dispose();
}
