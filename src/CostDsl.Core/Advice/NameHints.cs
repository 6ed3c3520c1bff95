using CostDsl.Semantics;

namespace CostDsl.Advice;

/// <summary>
/// What an unknown name's message adds so that it leads somewhere: the import that defines it, the
/// catalog variants it is the stem of (<c>H100</c> -> <c>H100_SXM</c>, <c>H100_PCIe</c>), the known name
/// it extends (<c>H100_SXM5</c> -> <c>H100_SXM</c>), or the closest name by edit distance. One instance
/// serves one checked program; the program's names are indexed on the first unknown name and each
/// distinct misspelling is answered once, so many unknown names cost time linear in their number.
/// </summary>
public sealed class NameHints(ProgramModel model)
{
    /// <summary>Variants listed by name at most; more are counted.</summary>
    private const int MaxVariantsShown = 4;

    /// <summary>
    /// Distinct misspellings that get a closest-name search. Generated names that share long prefixes
    /// (known1..known10000 against unknwn1..unknwn10000) pass the index's filter by the thousand, so
    /// each search may cost thousands of distances; past this many a file is not being typed by a
    /// person, and its later unknown names keep the import hint and the variants but not "did you mean".
    /// </summary>
    public const int MaxNamesSearched = 500;

    private readonly Dictionary<string, Answer> answers = new(StringComparer.Ordinal);
    private SuggestionIndex? index;
    private int searched;

    /// <summary>One name's answer apart from the names of its scope: a hint, or the closest name to weigh against the scope's.</summary>
    private sealed record Answer(string? Hint, string? Closest, int Distance, string? ClosestFile);

    /// <summary>
    /// The suffix for "unknown name 'x'": "; did you mean ...?", "; it is defined in std/...: add import ...",
    /// or nothing. <paramref name="scopeNames"/> are the parameters or fields in scope where the name was met.
    /// </summary>
    public string ForUnknownName(string name, IReadOnlyCollection<string> scopeNames)
    {
        if (!answers.TryGetValue(name, out var answer))
        {
            answers[name] = answer = Compute(name);
        }

        if (answer.Hint is { } hint)
        {
            return hint;
        }

        // A parameter or field in scope wins over a global name as close.
        if (NameSuggestions.Best(name, scopeNames) is var (local, distance) && (answer.Closest is null || distance <= answer.Distance))
        {
            return $"; did you mean '{local}'?";
        }

        return answer.Closest is null ? string.Empty
            : $"; did you mean '{answer.Closest}'?{(answer.ClosestFile is { } file ? $" ({Import(file)})" : string.Empty)}";
    }

    private Answer Compute(string name)
    {
        var bundled = BundledNames.Instance;
        if (bundled.FileOf.GetValueOrDefault(name) is { } file)
        {
            return new Answer($"; it is defined in {file}: {Import(file)}", null, 0, null);
        }

        if (name.Length > NameSuggestions.MaxNameLength)
        {
            return new Answer(null, null, int.MaxValue, null);
        }

        index ??= new SuggestionIndex(model.Values.Values
            .OrderBy(s => s.NameSpan.File.Path, StringComparer.Ordinal).ThenBy(s => s.NameSpan.Start).Select(s => s.Name));

        // The stem of catalog variants: suggest the variants, never a look-alike (H100 is not A100).
        var variants = index.WithPrefix(name + "_").Select(n => (Name: n, File: (string?)null))
            .Concat(bundled.Index.WithPrefix(name + "_").Where(n => !model.Values.ContainsKey(n)).Select(n => (Name: n, File: (string?)bundled.FileOf[n])))
            .ToList();
        if (variants.Count > 0)
        {
            var shown = variants.Take(MaxVariantsShown).Select(v => $"'{v.Name}'").ToList();
            var list = shown.Count == 1 ? shown[0] : $"{string.Join(", ", shown[..^1])} or {shown[^1]}";
            var more = variants.Count > MaxVariantsShown ? $" (or {variants.Count - MaxVariantsShown} more of that stem)" : string.Empty;
            var files = variants.Take(MaxVariantsShown).Select(v => v.File).OfType<string>().Distinct().Select(f => $" ({Import(f)})");
            return new Answer($"; did you mean {list}?{more}{string.Concat(files)}", null, 0, null);
        }

        // A known name with more after it (H100_SXM5 -> H100_SXM): the longest such name.
        for (var cut = name.LastIndexOf('_'); cut > 0; cut = name.LastIndexOf('_', cut - 1))
        {
            var stem = name[..cut];
            if (model.Values.ContainsKey(stem))
            {
                return new Answer($"; did you mean '{stem}'?", null, 0, null);
            }

            if (bundled.FileOf.GetValueOrDefault(stem) is { } stemFile)
            {
                return new Answer($"; did you mean '{stem}'? ({Import(stemFile)})", null, 0, null);
            }
        }

        if (++searched > MaxNamesSearched)
        {
            return new Answer(null, null, int.MaxValue, null);
        }

        if (index.Best(name) is var (close, distance))
        {
            return new Answer(null, close, distance, null);
        }

        return bundled.Index.Best(name) is var (far, farDistance)
            ? new Answer(null, far, farDistance, bundled.FileOf[far])
            : new Answer(null, null, int.MaxValue, null);
    }

    private static string Import(string file) => $"add import \"{file}\"";
}
