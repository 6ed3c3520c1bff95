using CostDsl.Advice;
using CostDsl.Semantics;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Advice;

/// <summary>Issue 16: an unknown name's message leads somewhere (the import, the variants, the closest name).</summary>
public class NameHintTests
{
    [Test]
    public void ANameABundledFileDefinesNamesTheImportToAdd() =>
        Assert.That(
            Spec.Run("output x = H100_SXM.bf16").Single("CD0301").Message,
            Is.EqualTo("unknown name 'H100_SXM'; it is defined in std/hardware/nvidia.cost: add import \"std/hardware/nvidia.cost\""));

    [Test]
    public void TheStemOfCatalogVariantsSuggestsTheVariantsAndTheirImport() =>
        Assert.That(
            Spec.Run("output x = H100.bf16").Single("CD0301").Message,
            Is.EqualTo("unknown name 'H100'; did you mean 'H100_SXM', 'H100_PCIe' or 'H100_NVL'? (add import \"std/hardware/nvidia.cost\")"));

    [Test]
    public void H100NeverSuggestsA100EvenWhenA100IsInScope()
    {
        var message = Spec.Run("import \"std/hardware/nvidia.cost\"\noutput x = H100.bf16").Single("CD0301").Message;
        Assert.Multiple(() =>
        {
            Assert.That(message, Is.EqualTo("unknown name 'H100'; did you mean 'H100_SXM', 'H100_PCIe' or 'H100_NVL'?"));
            Assert.That(message, Does.Not.Contain("A100"));
        });
    }

    [Test]
    public void PastTheSearchLimitUnknownNamesKeepTheImportHintButNotDidYouMean()
    {
        // A generated file with one more distinct misspelling than NameHints searches for: all but one
        // get "did you mean"; the import hint of a bundled name costs no search and is always given.
        var count = NameHints.MaxNamesSearched + 1;
        var lines = Enumerable.Range(0, count).Select(i => $"let known{i} = {i}")
            .Concat(Enumerable.Range(0, count).Select(i => $"output u{i} = knwon{i} + 1"))
            .Append("output gpu = H100_SXM.bf16");
        var messages = Spec.Run(string.Join('\n', lines)).Diagnostics.Where(d => d.Code.Id == "CD0301").Select(d => d.Message).ToList();
        var misspelt = messages.Where(m => m.StartsWith("unknown name 'knwon", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(misspelt, Has.Count.EqualTo(count));
            Assert.That(misspelt.Count(m => m.Contains("; did you mean 'known", StringComparison.Ordinal)), Is.EqualTo(NameHints.MaxNamesSearched));
            Assert.That(messages, Has.One.Contains("H100_SXM").And.Contains("add import \"std/hardware/nvidia.cost\""));
        });
    }

    [Test]
    public void ANameThatExtendsAKnownOneSuggestsIt() =>
        Assert.That(
            Spec.Run("import \"std/hardware/nvidia.cost\"\noutput x = H100_SXM5.bf16").Single("CD0301").Message,
            Is.EqualTo("unknown name 'H100_SXM5'; did you mean 'H100_SXM'?"));

    [Test]
    public void AParameterInScopeIsSuggestedBeforeAGlobalName() =>
        Assert.That(
            Spec.Run("let totals = 1\nfn f(total) = totl * 2\noutput x = f(1)").Single("CD0301").Message,
            Is.EqualTo("unknown name 'totl' in fn f; did you mean 'total'?"));

    [Test]
    public void AnIdentifierTooLongToBeATypoGetsNoSuggestionButItsError()
    {
        var name = new string('a', 100_000);
        var result = Spec.Run($"let {name} = 1\noutput x = {name[..^1]}b");
        Assert.That(result.Single("CD0301").Message, Does.Not.Contain("did you mean"));
    }

    [Test]
    public void TheIndexAnswersExactlyAsTheFullSearchDoes()
    {
        // A property over random names: the pigeonhole filter may skip only candidates out of reach.
        var random = new Random(16);
        string Name(int length) => new([.. Enumerable.Range(0, length).Select(_ => "abcde_1"[random.Next(7)])]);
        var names = Enumerable.Range(0, 3000).Select(_ => Name(random.Next(1, 14))).Distinct().ToList();
        var index = new SuggestionIndex(names);
        var differences = Enumerable.Range(0, 1500).Select(_ => Name(random.Next(1, 16)))
            .Select(query => (query, Indexed: index.Best(query), Full: NameSuggestions.Best(query, names.Distinct())))
            .Where(r => r.Indexed != r.Full && r.Full is not null && r.Indexed?.Distance != r.Full?.Distance)
            .ToList();
        Assert.That(differences, Is.Empty);
    }

    [TestCase("kitten", "sitting", 3, 3)]
    [TestCase("kitten", "sitting", 2, 3)]
    [TestCase("GPUS_needed", "gpus_neded", 3, 1)]
    [TestCase("abc", "abcdef", 2, 3)]
    [TestCase("flaw", "lawn", 3, 2)]
    public void TheBandedDistanceIsLevenshteinUpToTheLimit(string a, string b, int limit, int expected) =>
        Assert.That(NameSuggestions.Distance(a, b, limit), Is.EqualTo(expected));
}
