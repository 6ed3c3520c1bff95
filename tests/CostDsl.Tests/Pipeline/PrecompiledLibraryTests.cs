using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Modules;
using CostDsl.Output;
using CostDsl.Parsing;
using CostDsl.Syntax;
using CostDsl.Tests.Support;
using CostDsl.Text;

namespace CostDsl.Tests.Pipeline;

/// <summary>
/// The costdsl tool reads the bundled library's trees from the form built with it (std.syntax) instead
/// of parsing std/ at every start. A run that uses the form must see exactly what a fresh parse gives.
/// </summary>
public class PrecompiledLibraryTests
{
    private static SourceFile Bundled(string path) => new(path, BundledLibrary.Read(path)!);

    /// <summary>The form's bytes for one tree: every name, number, operator, span, line and column, so equal bytes are equal trees.</summary>
    private static byte[] Form(SyntaxTree tree) => PrecompiledLibrary.Write([tree]);

    public static IEnumerable<string> BundledPaths() => BundledLibrary.Paths;

    [Test]
    public void TheToolEmbedsATreeForEveryBundledFile()
    {
        Assert.That(EmbeddedLibrary.Read().Locations, Is.EqualTo(BundledLibrary.Paths), "a std/ file missing from the form is parsed at every start (or did not parse cleanly)");
    }

    [TestCaseSource(nameof(BundledPaths))]
    public void TheEmbeddedTreeIsTheTreeTheParserGives(string path)
    {
        var file = Bundled(path);
        var diagnostics = new DiagnosticBag();
        var parsed = Parser.ParseFile(file, diagnostics);
        var loaded = EmbeddedLibrary.Read().Find(file);

        Assert.That(loaded, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(diagnostics.Items, Is.Empty);
            Assert.That(loaded!.Declarations, Is.EqualTo(parsed.Declarations), "records compare names, values and spans (by file and place)");
            Assert.That(loaded.Comments, Is.EqualTo(parsed.Comments));
            Assert.That(Form(loaded), Is.EqualTo(Form(parsed)), "lines, columns, number texts and bits must match too");
            Assert.That(loaded.Declarations.SelectMany(SpansOf).All(s => ReferenceEquals(s.File, file)), "every span points into the file the run opened");
        });
    }

    /// <summary>A batch's import cache reads a bundled file's tree from the form, and parses the file when its text is not the one the form was built from.</summary>
    [Test]
    public void ABatchsImportCacheReadsTheFormOnlyForTheBundledText()
    {
        var cache = new ImportCache { Library = EmbeddedLibrary.Read() };
        var bundled = Bundled("std/hardware/nvidia.cost");
        var fromForm = cache.Parse(bundled, new DiagnosticBag());
        var parsesAfterBundled = cache.Parses;

        var edited = new SourceFile(bundled.Path, bundled.Text + "\nlet extra = 1\n");
        var diagnostics = new DiagnosticBag();
        var fromText = cache.Parse(edited, diagnostics);

        Assert.Multiple(() =>
        {
            Assert.That(parsesAfterBundled, Is.Zero, "the bundled text is not parsed again");
            Assert.That(Form(fromForm), Is.EqualTo(Form(Parser.ParseFile(bundled, new DiagnosticBag()))));
            Assert.That(cache.Parses, Is.EqualTo(1), "another text is parsed");
            Assert.That(fromText.Declarations, Has.Length.EqualTo(fromForm.Declarations.Length + 1));
            Assert.That(diagnostics.Items, Is.Empty);
        });
    }

    /// <summary>Every kind of declaration and expression the examples use goes through the form and back unchanged.</summary>
    [Test]
    public void EveryExampleSurvivesTheRoundTrip()
    {
        var files = Directory.EnumerateFiles(Repository.PathTo("examples"), "*.cost", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new SourceFile(path, File.ReadAllText(path)))
            .ToList();
        var trees = files.Select(f => Parser.ParseFile(f, new DiagnosticBag())).ToList();
        var library = PrecompiledLibrary.Read(PrecompiledLibrary.Write(trees))!;

        Assert.That(trees.SelectMany(t => t.Declarations).Select(d => d.GetType()).Distinct().Count(), Is.GreaterThanOrEqualTo(8), "the examples cover most kinds of declaration");
        Assert.Multiple(() =>
        {
            foreach (var (file, tree) in files.Zip(trees))
            {
                var loaded = library.Find(file);
                Assert.That(loaded?.Declarations, Is.EqualTo(tree.Declarations), file.Path);
                Assert.That(loaded is null ? [] : Form(loaded), Is.EqualTo(Form(tree)), file.Path);
            }
        });
    }

    [Test]
    public void AFileWhoseTextChangedIsNotServedFromTheForm()
    {
        var file = Bundled("std/hardware/nvidia.cost");
        var edited = new SourceFile(file.Path, file.Text + "\nlet added = 1\n");
        var elsewhere = new SourceFile("std/not-bundled.cost", file.Text);
        Assert.Multiple(() =>
        {
            Assert.That(EmbeddedLibrary.Read().Find(edited), Is.Null);
            Assert.That(EmbeddedLibrary.Read().Find(elsewhere), Is.Null);
        });
    }

    /// <summary>A cut or scrambled form is refused or gives null, never an exception: the run then parses.</summary>
    [Test]
    public void ADamagedFormNeverThrows()
    {
        var file = Bundled("std/models/chatglm.cost");
        var good = PrecompiledLibrary.Write([Parser.ParseFile(file, new DiagnosticBag())]);
        var random = new Random(17);
        var damaged = Enumerable.Range(0, good.Length).Where(n => n % 7 == 0).Select(n => good[..n])
            .Concat(Enumerable.Range(0, 400).Select(_ =>
            {
                var copy = (byte[])good.Clone();
                copy[random.Next(copy.Length)] = (byte)random.Next(256);
                return copy;
            }));

        Assert.Multiple(() =>
        {
            foreach (var bytes in damaged)
            {
                Assert.DoesNotThrow(() => PrecompiledLibrary.Read(bytes)?.Find(file));
            }
        });
    }

    [Test]
    public void AnEngineWithTheFormParsesNoBundledFileAndPrintsTheSameJson()
    {
        var path = Repository.PathTo("examples", "chat.cost");
        var cache = new ImportCache();
        var withForm = new CostEngine(null, cache) { Library = EmbeddedLibrary.Read() }.EvaluateFile(path);
        var parsing = new CostEngine().EvaluateFile(path);

        Assert.Multiple(() =>
        {
            Assert.That(cache.Parses, Is.Zero, "std/units.cost, nvidia.cost and chatglm.cost come from the form");
            Assert.That(JsonReport.Write(withForm), Is.EqualTo(JsonReport.Write(parsing)));
            Assert.That(DiagnosticRenderer.RenderAll(withForm.Diagnostics), Is.EqualTo(DiagnosticRenderer.RenderAll(parsing.Diagnostics)));
        });
    }

    private static IEnumerable<SourceSpan> SpansOf(Decl declaration) => declaration switch
    {
        BlockDecl block => [block.Span, block.NameSpan, .. block.Fields.SelectMany(f => SpansOf(f))],
        FieldDecl field => [field.Span, field.NameSpan, .. SyntaxWalker.Descendants(field.Value).Select(e => e.Span)],
        LetDecl let => [let.Span, let.NameSpan, .. SyntaxWalker.Descendants(let.Value).Select(e => e.Span)],
        FnDecl fn => [fn.Span, fn.NameSpan, .. fn.Parameters.Select(p => p.Span), .. SyntaxWalker.Descendants(fn.Body).Select(e => e.Span)],
        _ => [declaration.Span],
    };
}
