namespace CostDsl.Semantics;

/// <summary>
/// "Did you mean" for unknown names: the closest known name within a small edit distance, ignoring case.
/// The search is bounded whatever the input: a candidate whose length alone puts it out of reach is
/// skipped before any distance is computed, the distance is computed only inside a band of width
/// 2 x limit and given up as soon as it exceeds the limit, and no more than <see cref="MaxExamined"/>
/// distances are computed for one name. (Unbounded, 10,000 unknown names took 18.5 s and one
/// 100,000-character misspelt identifier 25 s; issue 18.) For many names against many candidates see
/// <see cref="Advice.SuggestionIndex"/>, which finds the same answer without scanning every candidate.
/// </summary>
public static class NameSuggestions
{
    /// <summary>No suggestion is looked for a longer name: nobody types 65 characters and slips once.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The largest edit distance ever suggested: further away, a name is another name.</summary>
    public const int MaxDistance = 3;

    /// <summary>Distances computed for one name at most; candidates come in a deterministic order, so the answer is too.</summary>
    public const int MaxExamined = 4096;

    /// <summary>
    /// How many edits a name of this length may be away from a suggestion. Short names are too easily
    /// close to anything: for them only a difference of case counts.
    /// </summary>
    public static int Limit(int length) => length <= 2 ? 0 : Math.Min(MaxDistance, Math.Max(1, length / 3));

    public static string? Closest(string name, IEnumerable<string> candidates) =>
        Best(name, candidates)?.Name;

    /// <summary>The closest candidate and its distance; ties go to the ordinally smaller name.</summary>
    public static (string Name, int Distance)? Best(string name, IEnumerable<string> candidates)
    {
        if (name.Length > MaxNameLength)
        {
            return null;
        }

        var limit = Limit(name.Length);
        string? best = null;
        var bestDistance = int.MaxValue;
        var examined = 0;
        foreach (var candidate in candidates)
        {
            if (Math.Abs(candidate.Length - name.Length) > limit)
            {
                continue;
            }

            if (++examined > MaxExamined)
            {
                break;
            }

            var distance = Distance(name, candidate, limit);
            if (distance <= limit && (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0)))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is null ? null : (best, bestDistance);
    }

    /// <summary>The message suffix: "; did you mean 'x'?" or nothing.</summary>
    public static string Hint(string name, IEnumerable<string> candidates) =>
        Closest(name, candidates) is { } close ? $"; did you mean '{close}'?" : string.Empty;

    /// <summary>
    /// The Levenshtein distance of two names ignoring case, or <paramref name="limit"/> + 1 when it is
    /// larger: only cells within <paramref name="limit"/> of the diagonal are computed (Ukkonen's band),
    /// and the computation stops at the first row whose every cell is past the limit.
    /// </summary>
    public static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var beyond = limit + 1;
        var width = b.Length + 1;
        Span<int> previous = width <= 256 ? stackalloc int[width] : new int[width];
        Span<int> current = width <= 256 ? stackalloc int[width] : new int[width];
        for (var j = 0; j < width; j++)
        {
            previous[j] = Math.Min(j, beyond);
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var from = Math.Max(1, i - limit);
            var to = Math.Min(b.Length, i + limit);
            current[0] = Math.Min(i, beyond);
            if (from > 1)
            {
                current[from - 1] = beyond;
            }

            var rowBest = current[0];
            var ai = char.ToLowerInvariant(a[i - 1]);
            for (var j = from; j <= to; j++)
            {
                var cost = ai == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                var cell = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                current[j] = Math.Min(cell, beyond);
                rowBest = Math.Min(rowBest, current[j]);
            }

            if (to < b.Length)
            {
                current[to + 1] = beyond;
            }

            if (rowBest > limit)
            {
                return beyond;
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }
}
