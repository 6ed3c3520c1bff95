using System.Text;
using CostDsl.LanguageServer.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.LanguageServer.Tests.Server;

/// <summary>Bad input from the editor gets an error response, and the server goes on answering.</summary>
public sealed class RobustnessTests
{
    [Test]
    public async Task BadJsonRpcGetsErrorResponsesAndTheServerGoesOn()
    {
        using var folder = new TempFolder();
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(folder.Root);

        await client.SendRawAsync(Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":41,\"method\":"));
        var parse = await client.NextUnmatchedAsync();
        Assert.That((int)parse["error"]!["code"]!, Is.EqualTo(-32700));
        Assert.That(parse["id"]!.Type, Is.EqualTo(JTokenType.Null));

        await client.SendRawAsync(Encoding.UTF8.GetBytes("[1, 2]"));
        Assert.That((int)(await client.NextUnmatchedAsync())["error"]!["code"]!, Is.EqualTo(-32600));

        await client.SendRawAsync(Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":7}"));
        var invalid = await client.NextUnmatchedAsync();
        Assert.That((int)invalid["error"]!["code"]!, Is.EqualTo(-32600));
        Assert.That((int)invalid["id"]!, Is.EqualTo(42));

        await client.WriteAsync(Encoding.ASCII.GetBytes("Content-Type: nothing\r\n\r\n"));
        Assert.That((int)(await client.NextUnmatchedAsync())["error"]!["code"]!, Is.EqualTo(-32700));

        var unknown = await client.RequestAsync("textDocument/noSuchThing", new { });
        Assert.That((int)unknown["error"]!["code"]!, Is.EqualTo(-32601));

        var missing = await client.RequestAsync("textDocument/hover", new { textDocument = new { uri = folder.UriOf("x.cost") } });
        Assert.That((int)missing["error"]!["code"]!, Is.EqualTo(-32602));

        var wrongType = await client.RequestAsync("textDocument/hover", new { textDocument = new { uri = folder.UriOf("x.cost") }, position = new { line = "two", character = 0 } });
        Assert.That(wrongType["error"], Is.Not.Null);

        Assert.That(client.Log.ToString(), Does.Contain("rejected a message"), "the server says on stderr what it rejected");

        // Still serving.
        var uri = folder.UriOf("spec.cost");
        await client.OpenAsync(uri, "let a = 2 GB\n");
        var hover = await client.ResultAsync("textDocument/hover", LspClient.At(uri, 0, 4));
        Assert.That((string)hover!["contents"]!["value"]!, Does.Contain("**2 GB**"));
    }

    [Test]
    public async Task PositionsOutsideTheTextAndUnknownDocumentsAnswerNothingRatherThanFail()
    {
        using var folder = new TempFolder();
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(folder.Root);
        var uri = folder.UriOf("spec.cost");
        await client.OpenAsync(uri, "let a = 2\n");

        var beyond = await client.RequestAsync("textDocument/hover", LspClient.At(uri, 900, 900));
        Assert.That(beyond.ContainsKey("result") && beyond["result"]!.Type == JTokenType.Null, Is.True, $"a response with \"result\": null, as LSP wants: {beyond}");
        Assert.That(await client.ResultAsync("textDocument/hover", LspClient.At(uri, -3, -1)), Is.Null.Or.Property("Type").EqualTo(JTokenType.Null));
        Assert.That(await client.ResultAsync("textDocument/definition", LspClient.At(folder.UriOf("closed.cost"), 0, 0)), Is.Null.Or.Property("Type").EqualTo(JTokenType.Null));
        var completion = await client.ResultAsync("textDocument/completion", LspClient.At(uri, 900, 900));
        Assert.That(completion!["items"], Is.Not.Null);
        var std = await client.RequestAsync("costdsl/stdFile", new { uri = "costdsl-std:/std/../../etc/passwd" });
        Assert.That((int)std["error"]!["code"]!, Is.EqualTo(-32602));
    }

    [Test]
    public async Task ASpecThatDoesNotParseStillGetsItsSyntaxErrorsAndNamesFromTheLastGoodVersion()
    {
        using var folder = new TempFolder();
        await using var client = LspClient.InProcess();
        await client.InitializeAsync(folder.Root);
        var uri = folder.UriOf("spec.cost");
        await client.OpenAsync(uri, "hardware Card { memory = 80 GB }\nlet a = 1\n");
        await client.DiagnosticsAsync(uri, d => d.Count == 0);
        await client.ChangeAsync(uri, "hardware Card { memory = 80 GB }\nlet a = ((1\nlet b = Card.\n", 2);
        var errors = await client.DiagnosticsAsync(uri, d => d.Count > 0);
        Assert.That(errors.Select(e => (string)e["code"]!), Has.Some.StartsWith("CD0"));
        var items = await client.ResultAsync("textDocument/completion", LspClient.At(uri, 2, 13));
        Assert.That(items!["items"]!.Select(i => (string)i["label"]!), Does.Contain("memory"));
    }
}
