using CostDsl.LanguageServer.Tests.Support;

namespace CostDsl.LanguageServer.Tests.Server;

/// <summary><c>costdsl lsp</c> as an editor starts it: a process spoken to over stdin and stdout.</summary>
public sealed class ProcessTests
{
    [Test]
    public async Task CostdslLspServesOverStdioAndExitsWithZeroAfterShutdownAndExit()
    {
        using var folder = new TempFolder();
        var client = LspClient.Process(folder.Root, "--stdio", "--samples", "200");
        await using (client)
        {
            var initialize = await client.InitializeAsync(folder.Root);
            Assert.That((bool?)initialize["result"]!["capabilities"]!["hoverProvider"], Is.True);
            var uri = folder.UriOf("spec.cost");
            await client.OpenAsync(uri, "let x = 1 s + 1 GB\n");
            var diagnostics = await client.DiagnosticsAsync(uri, d => d.Count == 1);
            Assert.That((string?)diagnostics[0]["code"], Is.EqualTo("CD0201"));

            var shutdown = await client.RequestAsync("shutdown", null);
            Assert.That(shutdown["error"], Is.Null, shutdown.ToString());
            await client.NotifyAsync("exit", null);
            Assert.That(client.ServerProcess!.WaitForExit(20_000), Is.True, "the server ends on exit");
            Assert.That(client.ServerProcess.ExitCode, Is.Zero);
        }
    }

    [Test]
    public void BadOptionsAreAUsageError()
    {
        using var folder = new TempFolder();
        var outcome = CliProcess.Run(folder.Root, "lsp", "--samples", "0");
        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain("--samples"));
    }
}
