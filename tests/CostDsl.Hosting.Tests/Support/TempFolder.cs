namespace CostDsl.Hosting.Tests.Support;

/// <summary>A fresh folder for one test, removed afterwards: In/ for specs, Out/ for results.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "costdsl-hosting-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(In);
    }

    public string Root { get; }

    public string In => Path.Combine(Root, "in");

    public string Out => Path.Combine(Root, "out");

    public string PathTo(string relative) => Path.Combine(Root, relative);

    /// <summary>Writes a spec under In/.</summary>
    public string Write(string relative, string text)
    {
        var path = Path.Combine(In, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The text of OUT/&lt;relative&gt;.json, or null when there is none.</summary>
    public string? Result(string relative, string? output = null)
    {
        var path = Path.Combine(output ?? Out, relative + ".json");
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the temp folder is cleaned by the system.
        }
    }
}
