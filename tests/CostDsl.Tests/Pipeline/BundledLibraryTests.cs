using CostDsl.Modules;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Pipeline;

/// <summary>The bundled library's texts, as every std/ import reads them.</summary>
public class BundledLibraryTests
{
    public static IEnumerable<string> BundledPaths() => BundledLibrary.Paths;

    /// <summary>Read decodes the resource in one piece; the text must be the one a StreamReader (and the file in rules/) gives.</summary>
    [TestCaseSource(nameof(BundledPaths))]
    public void ATextIsWhatAStreamReaderReadsAndWhatRulesHolds(string path)
    {
        using var stream = typeof(BundledLibrary).Assembly.GetManifestResourceStream(path)!;
        using var reader = new StreamReader(stream);
        var expected = reader.ReadToEnd();

        Assert.Multiple(() =>
        {
            Assert.That(BundledLibrary.Read(path), Is.EqualTo(expected));
            Assert.That(BundledLibrary.Read(path), Is.EqualTo(File.ReadAllText(Repository.PathTo("rules", path[BundledLibrary.Prefix.Length..]))));
        });
    }

    [Test]
    public void AMissingFileIsNull()
    {
        Assert.That(BundledLibrary.Read("std/no-such-file.cost"), Is.Null);
    }
}
