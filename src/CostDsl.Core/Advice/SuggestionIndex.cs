using CostDsl.Semantics;

namespace CostDsl.Advice;

/// <summary>
/// The names of a program indexed so that "did you mean" for one unknown name looks at a few
/// candidates instead of all of them: 10,000 unknown names against 10,000 lets cost 10^8 distances
/// before (18.5 s, issue 18). It answers exactly as <see cref="NameSuggestions.Best"/> over the same
/// names would (closest within the limit, ties to the ordinally smaller name).
/// </summary>
/// <remarks>
/// The filter is the partition (pigeonhole) one of Li, Deng and Feng's PassJoin (VLDB 2011): cut a
/// candidate of length m into k+1 pieces; k edits touch at most k of them, so if the distance is at
/// most k one piece appears unchanged in the query, starting at most k characters from where it
/// starts in the candidate. Pieces are indexed by (k, m, piece number, lower-cased text), for every k
/// a name's length allows (1 to <see cref="NameSuggestions.MaxDistance"/>); a query looks up the
/// (2k+1) lengths x (k+1) pieces x (2k+1) shifts and computes distances only for what it finds.
/// </remarks>
public sealed class SuggestionIndex
{
    private readonly string[] names;
    private readonly Dictionary<string, List<int>> exact = new(StringComparer.Ordinal);
    private readonly Dictionary<(int K, int Length, int Piece, string Text), List<int>> pieces = [];
    private readonly (string Lower, int Id)[] sorted;

    public SuggestionIndex(IEnumerable<string> candidates)
    {
        names = candidates.Distinct(StringComparer.Ordinal).ToArray();
        for (var id = 0; id < names.Length; id++)
        {
            var lower = names[id].ToLowerInvariant();
            if (lower.Length > NameSuggestions.MaxNameLength + NameSuggestions.MaxDistance)
            {
                continue;
            }

            Add(exact, lower, id);
            for (var k = 1; k <= NameSuggestions.MaxDistance; k++)
            {
                if (lower.Length < k + 1)
                {
                    break;
                }

                for (var piece = 0; piece <= k; piece++)
                {
                    var (start, length) = Piece(lower.Length, k, piece);
                    Add(pieces, (k, lower.Length, piece, lower.Substring(start, length)), id);
                }
            }
        }

        sorted = names.Select((n, id) => (n.ToLowerInvariant(), id)).ToArray();
        Array.Sort(sorted, Ordinal);
    }

    public IReadOnlyList<string> Names => names;

    /// <summary>The names that start with <paramref name="prefix"/> (ignoring case), in the order they were given.</summary>
    public IEnumerable<string> WithPrefix(string prefix)
    {
        var lower = prefix.ToLowerInvariant();
        var first = Array.BinarySearch(sorted, (lower, -1), Comparer<(string Lower, int Id)>.Create(Ordinal));
        first = first < 0 ? ~first : first;
        var ids = new List<int>();
        for (var i = first; i < sorted.Length && sorted[i].Lower.StartsWith(lower, StringComparison.Ordinal); i++)
        {
            ids.Add(sorted[i].Id);
        }

        ids.Sort();
        return ids.Select(id => names[id]);
    }

    private static int Ordinal((string Lower, int Id) a, (string Lower, int Id) b) =>
        string.CompareOrdinal(a.Lower, b.Lower) is var byName and not 0 ? byName : a.Id.CompareTo(b.Id);

    /// <summary>The closest indexed name and its distance, or null when none is within the limit.</summary>
    public (string Name, int Distance)? Best(string name)
    {
        if (name.Length > NameSuggestions.MaxNameLength)
        {
            return null;
        }

        var lower = name.ToLowerInvariant();
        var k = NameSuggestions.Limit(name.Length);

        // Marks in an array rather than a hash set: generated names share pieces by the thousand, and
        // adding each id to a set was most of a search. One array per search: the bundled library's
        // index is shared by every thread of a batch.
        var seen = new bool[names.Length];
        var found = new List<int>();
        void Add(List<int> ids)
        {
            foreach (var id in ids)
            {
                if (!seen[id])
                {
                    seen[id] = true;
                    found.Add(id);
                }
            }
        }

        if (exact.GetValueOrDefault(lower) is { } same)
        {
            Add(same);
        }

        if (k > 0)
        {
            for (var length = Math.Max(k + 1, lower.Length - k); length <= lower.Length + k; length++)
            {
                for (var piece = 0; piece <= k; piece++)
                {
                    var (start, size) = Piece(length, k, piece);
                    for (var at = Math.Max(0, start - k); at <= start + k && at + size <= lower.Length; at++)
                    {
                        if (pieces.TryGetValue((k, length, piece, lower.Substring(at, size)), out var ids))
                        {
                            Add(ids);
                        }
                    }
                }
            }
        }

        // Every id found is within the length band, so Best examines the first MaxExamined of them in
        // this order and no more: the rest need not be looked at.
        found.Sort();
        return NameSuggestions.Best(name, found.Take(NameSuggestions.MaxExamined).Select(id => names[id]));
    }

    /// <summary>Piece number <paramref name="piece"/> of k+1 near-equal pieces of a name of this length.</summary>
    private static (int Start, int Length) Piece(int length, int k, int piece)
    {
        var size = length / (k + 1);
        var longer = length % (k + 1);

        // The last pieces take one character more, so that every piece is at least length / (k+1) long.
        var shorter = k + 1 - longer;
        var start = piece < shorter ? piece * size : (shorter * size) + ((piece - shorter) * (size + 1));
        return (start, piece < shorter ? size : size + 1);
    }

    private static void Add<TKey>(Dictionary<TKey, List<int>> map, TKey key, int id)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(id);
    }
}
