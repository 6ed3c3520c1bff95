using System.Diagnostics;
using System.IO.Compression;
using CostDsl.LanguageServer.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.LanguageServer.Tests.Extension;

/// <summary>
/// grammar/vscode/package.sh builds the .vsix a user installs: it must hold the one TextMate grammar,
/// the language configuration and the language client with its npm dependencies. The script runs on
/// a copy of the folder, so the test leaves no node_modules in the repository.
/// </summary>
public sealed class VsixPackageTests
{
    [Test]
    public void PackageShBuildsAVsixWithTheGrammarAndTheLanguageClient()
    {
        if (FindOnPath("npm") is null)
        {
            Assert.Ignore("npm is not installed: packaging the VS Code extension needs Node.js and npm (CI installs them)");
        }

        using var work = new TempFolder();
        var extension = work.PathOf("vscode");
        CopyFolder(Repository.PathTo("grammar", "vscode"), extension);
        File.Copy(Repository.PathTo("grammar", "costdsl.tmLanguage.json"), work.PathOf("costdsl.tmLanguage.json"));

        var start = new ProcessStartInfo("bash") { WorkingDirectory = extension, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("package.sh");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(600_000), Is.True, "package.sh took more than ten minutes");
        Assert.That(process.ExitCode, Is.Zero, $"package.sh failed:\n{output}\n{error.Result}");

        var manifest = JObject.Parse(File.ReadAllText(Path.Combine(extension, "package.json")));
        var vsix = Path.Combine(extension, $"costdsl-{manifest["version"]}.vsix");
        Assert.That(File.Exists(vsix), Is.True, $"no {vsix}; package.sh said:\n{output}");
        using var archive = ZipFile.OpenRead(vsix);
        var entries = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.That(entries, Does.Contain("extension/costdsl.tmLanguage.json")
            .And.Contain("extension/language-configuration.json")
            .And.Contain("extension/extension.js")
            .And.Contain("extension/package.json")
            .And.Contain("extension/node_modules/vscode-languageclient/package.json"));
        Assert.That(entries.Where(e => e.Contains("@vscode/vsce", StringComparison.Ordinal)), Is.Empty, "the packaging tool is a dev dependency, not shipped");

        Assert.That(Read(archive, "extension/costdsl.tmLanguage.json"), Is.EqualTo(File.ReadAllText(Repository.PathTo("grammar", "costdsl.tmLanguage.json"))), "the one grammar, copied");
        var packaged = JObject.Parse(Read(archive, "extension/package.json"));
        Assert.That((string?)packaged["main"], Is.EqualTo("./extension.js"));
        Assert.That((string?)packaged["contributes"]!["grammars"]![0]!["path"], Is.EqualTo("./costdsl.tmLanguage.json"));
        Assert.That((string?)packaged["contributes"]!["configuration"]!["properties"]!["costdsl.server.path"]!["default"], Is.EqualTo("costdsl"));
        var client = Read(archive, "extension/extension.js");
        Assert.That(client, Does.Contain("vscode-languageclient/node").And.Contain("'lsp'").And.Contain("costdsl/stdFile"));
    }

    private static string Read(ZipArchive archive, string entry)
    {
        using var reader = new StreamReader(archive.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            if (!file.EndsWith(".vsix", StringComparison.Ordinal) && Path.GetFileName(file) != "costdsl.tmLanguage.json")
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
