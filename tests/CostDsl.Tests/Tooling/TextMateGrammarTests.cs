using System.Text.RegularExpressions;
using CostDsl.Parsing;
using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Tooling;

/// <summary>grammar/costdsl.tmLanguage.json and the VS Code manifest beside it stay true to the parser.</summary>
public partial class TextMateGrammarTests
{
    private static readonly JObject Grammar = JObject.Parse(File.ReadAllText(Repository.PathTo("grammar", "costdsl.tmLanguage.json")));

    private static readonly JObject Manifest = JObject.Parse(File.ReadAllText(Repository.PathTo("grammar", "vscode", "package.json")));

    private static Regex Rule(string name) => new(Grammar["repository"]![name]!["match"]!.Value<string>()!, RegexOptions.Multiline);

    [Test]
    public void ItsKeywordsAreExactlyTheParsersKeywords()
    {
        var words = Grammar["repository"]!["keywords"]!["patterns"]!
            .SelectMany(p => Alternatives().Match(p["match"]!.Value<string>()!).Groups[1].Value.Split('|'))
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(words, Is.EquivalentTo(Lexical.Keywords));
            Assert.That(words, Is.Unique);
        });
    }

    [Test]
    public void EveryPatternIsAValidRegex()
    {
        var patterns = Grammar.Descendants().OfType<JProperty>().Where(p => p.Name is "match" or "begin" or "end").Select(p => p.Value.Value<string>()!).ToList();
        Assert.That(patterns, Is.Not.Empty);
        foreach (var pattern in patterns)
        {
            Assert.DoesNotThrow(() => _ = new Regex(pattern), pattern);
        }
    }

    [TestCase("19.5 TFLOP/s", "19.5", "", "TFLOP/s")]
    [TestCase("35%", "35", "%", "")]
    [TestCase("1_000_000 token", "1_000_000", "", "token")]
    [TestCase("6.2e9", "6.2e9", "", "")]
    [TestCase("3 to 5", "3", "", "")]
    public void NumbersPercentagesAndUnitsAreTold(string text, string number, string percent, string unit)
    {
        var match = Rule("numbers").Match(text);
        Assert.Multiple(() =>
        {
            Assert.That(match.Groups[1].Value, Is.EqualTo(number));
            Assert.That(match.Groups[2].Value, Is.EqualTo(percent));
            Assert.That(match.Groups[3].Value, Is.EqualTo(unit));
        });
    }

    [Test]
    public void TheManifestInstallsThisGrammarForCostFiles()
    {
        var language = Manifest["contributes"]!["languages"]![0]!;
        var grammar = Manifest["contributes"]!["grammars"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(language["extensions"]!.Values<string>(), Does.Contain(".cost"));
            Assert.That(grammar["language"]!.Value<string>(), Is.EqualTo(language["id"]!.Value<string>()));
            Assert.That(grammar["scopeName"]!.Value<string>(), Is.EqualTo(Grammar["scopeName"]!.Value<string>()));
            Assert.That(Path.GetFileName(grammar["path"]!.Value<string>()), Is.EqualTo("costdsl.tmLanguage.json"));
            Assert.That(File.Exists(Repository.PathTo("grammar", "vscode", language["configuration"]!.Value<string>()!)), Is.True);
            Assert.That(JObject.Parse(File.ReadAllText(Repository.PathTo("grammar", "vscode", "language-configuration.json")))["comments"]!["lineComment"]!.Value<string>(), Is.EqualTo("#"));
        });
    }

    [GeneratedRegex(@"\\b\(([a-z|]+)\)\\b")]
    private static partial Regex Alternatives();
}
