using CostDsl.LanguageServer.Tests.Support;
using CostDsl.Text;
using CostDsl.Tooling.Formatting;
using Newtonsoft.Json.Linq;

namespace CostDsl.LanguageServer.Tests.Server;

/// <summary>Completion, formatting, outline, hover on functions and units, and diagnostics across imports, as an editor sees them.</summary>
public sealed class EditorFeatureTests
{
    private TempFolder folder = null!;
    private LspClient client = null!;

    [SetUp]
    public async Task Start()
    {
        folder = new TempFolder();
        client = LspClient.InProcess();
        await client.InitializeAsync(folder.Root);
    }

    [TearDown]
    public async Task Stop()
    {
        await client.DisposeAsync();
        folder.Dispose();
    }

    [Test]
    public async Task CompletionAfterADotListsTheBlocksFieldsWithTheirValues()
    {
        var uri = folder.UriOf("spec.cost");
        await client.OpenAsync(uri, "import \"std/hardware/nvidia.cost\"\nlet x = A100.\n");
        var items = Items(await client.ResultAsync("textDocument/completion", LspClient.At(uri, 1, 13)));
        Assert.That(items.Select(i => (string)i["label"]!), Does.Contain("int8").And.Contain("memory").And.Contain("bf16"));
        Assert.That(items.Select(i => (string)i["label"]!), Does.Not.Contain("training_flops"));
        Assert.That((string?)items.Single(i => (string)i["label"]! == "bf16")["detail"], Is.EqualTo("A100.bf16 = 312 TFLOP/s"));
    }

    [Test]
    public async Task CompletionAfterANumberListsUnits()
    {
        var uri = folder.UriOf("spec.cost");
        await client.OpenAsync(uri, "let memory = 80 \n");
        var labels = Items(await client.ResultAsync("textDocument/completion", LspClient.At(uri, 0, 16))).Select(i => (string)i["label"]!).ToList();
        Assert.That(labels, Does.Contain("GB").And.Contain("GiB").And.Contain("TFLOP/s").And.Contain("USD").And.Contain("kWh"));
        Assert.That(labels, Does.Not.Contain("let"));
    }

    [Test]
    public async Task CompletionOfNamesOffersLetsBlocksAndFunctionsWithTheirParameters()
    {
        var uri = folder.UriOf("spec.cost");
        await client.OpenAsync(uri, "import \"std/models/llama.cost\"\nlet tokens = 15e12 token\nfn twice(x) = 2 * x\nlet f = \n");
        var items = Items(await client.ResultAsync("textDocument/completion", LspClient.At(uri, 3, 8)));
        var byLabel = items.ToDictionary(i => (string)i["label"]!);
        Assert.That(byLabel.Keys, Does.Contain("tokens").And.Contain("Llama3_70B").And.Contain("twice"));
        Assert.That((string?)byLabel["twice"]["insertText"], Is.EqualTo("twice(${1:x})"));
        Assert.That((string?)byLabel["training_flops"]["insertText"], Does.StartWith("training_flops(${1:model}"));
        Assert.That((int?)byLabel["training_flops"]["insertTextFormat"], Is.EqualTo(2));
    }

    [Test]
    public async Task HoverOnAFunctionShowsItsSignatureAndFormulaFromTheLibrary()
    {
        var uri = folder.UriOf("spec.cost");
        const string Line = "let f = training_flops(Llama3_70B, 15e12 token)";
        await client.OpenAsync(uri, $"import \"std/models/llama.cost\"\n{Line}\n");
        var hover = await client.ResultAsync("textDocument/hover", LspClient.At(uri, 1, 10));
        var text = (string)hover!["contents"]!["value"]!;
        var function = Functions.BuiltinLibrary.Find("training_flops")!;
        Assert.That(text, Does.Contain(function.Signature).And.Contain(function.Summary).And.Contain(function.Returns));

        var onLet = await client.ResultAsync("textDocument/hover", LspClient.At(uri, 1, 5));
        Assert.That((string)onLet!["contents"]!["value"]!, Does.Contain("FLOP"));
    }

    /// <summary>Hover quotes the comments the parser kept with the tree: a block's notes above it, a figure's source after it (a '#' in a string is no comment).</summary>
    [Test]
    public async Task HoverQuotesTheCommentsAboveABlockAndAfterALet()
    {
        var uri = folder.UriOf("spec.cost");
        await client.OpenAsync(uri, "# our own cards\n# bought in 2024\nhardware Mine { memory = 80 GB }\nlet price = 2 USD/h   # quote from May 2024\noutput p = price\nassert p > 1 USD/h \"a # in a message\"\n");
        var onBlock = (string)(await client.ResultAsync("textDocument/hover", LspClient.At(uri, 2, 11)))!["contents"]!["value"]!;
        var onLet = (string)(await client.ResultAsync("textDocument/hover", LspClient.At(uri, 4, 12)))!["contents"]!["value"]!;
        Assert.Multiple(() =>
        {
            Assert.That(onBlock, Does.Contain("Source: our own cards\nbought in 2024"));
            Assert.That(onLet, Does.Contain("Source: quote from May 2024\n"));
        });
    }

    [Test]
    public async Task HoverOnAUnitShowsItsSizeInBaseUnits()
    {
        var uri = folder.UriOf("spec.cost");
        await client.OpenAsync(uri, "let m = 80 GiB\n");
        var text = (string)(await client.ResultAsync("textDocument/hover", LspClient.At(uri, 0, 12)))!["contents"]!["value"]!;
        Assert.That(text, Does.Contain("1 GiB = 1073741824 B"));
    }

    [Test]
    public async Task HoverOnAnUncertainLetWithAnErrorElsewhereSaysWhyThereIsNoValue()
    {
        var uri = folder.UriOf("spec.cost");
        await client.OpenAsync(uri, "let a = 1 to 2\nlet b = 1 s + 1 B\n");
        await client.DiagnosticsAsync(uri, d => d.Count == 1);
        var text = (string)(await client.ResultAsync("textDocument/hover", LspClient.At(uri, 0, 4)))!["contents"]!["value"]!;
        Assert.That(text, Does.Contain("not evaluated: the spec has errors"));
    }

    [Test]
    public async Task FormattingGivesTheTextCostdslFmtWrites()
    {
        var uri = folder.UriOf("spec.cost");
        const string Text = "let   a=1\nlet bb =  a*2 # doubled\n\n\n\nhardware X { memory = 80 GB; price = 1 USD }\n";
        await client.OpenAsync(uri, Text);
        var edits = (JArray)(await client.ResultAsync("textDocument/formatting", new { textDocument = new { uri }, options = new { tabSize = 2, insertSpaces = true } }))!;
        Assert.That(edits, Has.Count.EqualTo(1));
        var expected = Formatter.Format(new SourceFile("spec.cost", Text)).Text;
        Assert.That((string?)edits[0]["newText"], Is.EqualTo(expected));
        Assert.That(edits[0]["range"]!["start"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("{\"line\":0,\"character\":0}"));
        Assert.That((int)edits[0]["range"]!["end"]!["line"]!, Is.EqualTo(6));

        await client.ChangeAsync(uri, expected, 2);
        var none = (JArray)(await client.ResultAsync("textDocument/formatting", new { textDocument = new { uri }, options = new { tabSize = 2, insertSpaces = true } }))!;
        Assert.That(none, Is.Empty, "a formatted file needs no edit");
    }

    [Test]
    public async Task DocumentSymbolsOutlineBlocksWithTheirFieldsAndTheOtherDeclarations()
    {
        var uri = folder.UriOf("spec.cost");
        await client.OpenAsync(uri, "hardware Card {\n  memory = 80 GB\n  price = 1 USD\n}\nlet n = 2\noutput total = n * Card.price\nfn half(x) = x / 2\n");
        var symbols = (JArray)(await client.ResultAsync("textDocument/documentSymbol", new { textDocument = new { uri } }))!;
        Assert.That(symbols.Select(s => (string)s["name"]!), Is.EqualTo(new[] { "Card", "n", "total", "half" }));
        Assert.That(symbols[0]["children"]!.Select(c => (string)c["name"]!), Is.EqualTo(new[] { "memory", "price" }));
        Assert.That((int)symbols[0]["range"]!["end"]!["line"]!, Is.EqualTo(3));
    }

    [Test]
    public async Task DiagnosticsOfAnImportedFileArePublishedForThatFileAndFollowItsEditsInTheEditor()
    {
        folder.Write("parts.cost", "let broken = 1 s + 1 B\n");
        var root = folder.UriOf("main.cost");
        var parts = folder.UriOf("parts.cost");
        await client.OpenAsync(root, "import \"parts.cost\"\nlet y = 2\n");
        var found = await client.DiagnosticsAsync(parts, d => d.Count == 1);
        Assert.That((string?)found[0]["code"], Is.EqualTo("CD0201"));

        // Opened and fixed in the editor (not saved): the importer is checked again against the new text.
        await client.OpenAsync(parts, "let broken = 1 s + 1 B\n");
        await client.ChangeAsync(parts, "let fixed = 1 s + 2 s\n", 2);
        await client.DiagnosticsAsync(parts, d => d.Count == 0);
        await client.ChangeAsync(root, "import \"parts.cost\"\nlet y = fixed\n", 2);
        var rootDiagnostics = await client.DiagnosticsAsync(root, d => d.Count == 0);
        Assert.That(rootDiagnostics, Is.Empty);
    }

    [Test]
    public async Task DefinitionOfAnImportOpensTheFileAndOfALetGoesToItsName()
    {
        folder.Write("parts.cost", "let shared = 3\n");
        var uri = folder.UriOf("main.cost");
        await client.OpenAsync(uri, "import \"parts.cost\"\nlet y = shared * 2\n");
        var import = await client.ResultAsync("textDocument/definition", LspClient.At(uri, 0, 10));
        Assert.That((string?)import!["uri"], Is.EqualTo(folder.UriOf("parts.cost")));

        var let = await client.ResultAsync("textDocument/definition", LspClient.At(uri, 1, 10));
        Assert.That((string?)let!["uri"], Is.EqualTo(folder.UriOf("parts.cost")));
        Assert.That(let["range"]!["start"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("{\"line\":0,\"character\":4}"));
    }

    [Test]
    public async Task ABurstOfChangesEndsWithTheDiagnosticsOfTheLastText()
    {
        var uri = folder.UriOf("spec.cost");
        await client.OpenAsync(uri, "let a = 1\n");
        await client.DiagnosticsAsync(uri, d => d.Count == 0);
        for (var version = 2; version < 12; version++)
        {
            await client.ChangeAsync(uri, version % 2 == 0 ? "let a = 1 s + 1 B\n" : "let a = 1\n", version);
        }

        await client.ChangeAsync(uri, "let a = 1 s + 1 B\nlet b = 1 B + 1 s\n", 12);
        var last = await client.DiagnosticsAsync(uri, d => d.Count == 2);
        Assert.That(last.Select(d => (string)d["code"]!), Is.All.EqualTo("CD0201"));
        Assert.That((int?)client.LastDiagnostics(uri)!["version"], Is.EqualTo(12));
    }

    [Test]
    public async Task AnEvaluationErrorIsPublishedLikeCostdslCheckReportsIt()
    {
        folder.Write("spec.cost", "let zero = 0\noutput bad = 1 / zero\n");
        var check = CliProcess.Run(folder.Root, "check", "spec.cost");
        var uri = folder.UriOf("spec.cost");
        await client.OpenAsync(uri, File.ReadAllText(folder.PathOf("spec.cost")));
        var published = await client.DiagnosticsAsync(uri, d => d.Count > 0);
        foreach (var diagnostic in published)
        {
            var start = diagnostic["range"]!["start"]!;
            var rendered = $"spec.cost:{(int)start["line"]! + 1}:{(int)start["character"]! + 1}: error {diagnostic["code"]}: {diagnostic["message"]}";
            Assert.That(check.Error, Does.Contain(rendered));
        }
    }

    private static List<JToken> Items(JToken? result) => [.. result!["items"]!];
}
