namespace CostDsl.Modules;

/// <summary>
/// The folders imports may read from, the one confinement rule of every command: a path must lie inside
/// one of them as written and again after every link along it is followed. Immutable.
/// </summary>
public sealed class ImportRoots
{
    private const int MaxLinkHops = 40;

    private readonly string[] lexical;
    private readonly string[] real;

    public ImportRoots(IEnumerable<string> roots)
    {
        lexical = [.. roots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).Distinct(StringComparer.Ordinal)];
        real = [.. lexical.Select(r => RealPath(r) ?? r)];
    }

    public IReadOnlyList<string> Folders => lexical;

    /// <summary>Null when <paramref name="full"/> may be read; otherwise why not, after <paramref name="named"/> ("import '../x.cost'").</summary>
    public string? Refusal(string full, string named)
    {
        if (!IsInside(full, lexical))
        {
            return $"{named} leaves the allowed folders ({Describe()})";
        }

        var resolved = RealPath(full);
        return resolved is null || !IsInside(resolved, real) ? $"{named} is a link that leaves the allowed folders ({Describe()})" : null;
    }

    /// <summary>The path with every link along it followed, or null for a loop. The last component need not exist.</summary>
    public static string? RealPath(string full)
    {
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var pending = new Queue<string>(Split(full, root));
        var current = root;
        var hops = 0;
        while (pending.TryDequeue(out var part))
        {
            var next = Path.Combine(current, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return null;
            }

            // Done component by component because a link in a folder name escapes just as well.
            var resolved = Path.GetFullPath(Path.Combine(current, target));
            root = Path.GetPathRoot(resolved) ?? string.Empty;
            pending = new Queue<string>(Split(resolved, root).Concat(pending));
            current = root;
        }

        return current;
    }

    public static bool IsInside(string path, IEnumerable<string> roots)
    {
        // A loop, not Any with a closure: a batch asks this twice for every import of every spec.
        foreach (var root in roots)
        {
            var inside = path.Length == root.Length
                ? string.Equals(path, root, StringComparison.Ordinal)
                : path.StartsWith(root, StringComparison.Ordinal) && (root.EndsWith(Path.DirectorySeparatorChar) || path[root.Length] == Path.DirectorySeparatorChar);
            if (inside)
            {
                return true;
            }
        }

        return false;
    }

    private string Describe() => "the spec's folder, --allow-import folders and the bundled std/ library";

    private static string[] Split(string path, string root) =>
        path[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
