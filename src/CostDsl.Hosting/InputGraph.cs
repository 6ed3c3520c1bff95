using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CostDsl.Hosting;

/// <summary>
/// The imports of the batch's inputs, one record a file in OUT/.costdsl/inputs/ (named by the SHA-256
/// of its key): the hash of the text a result was computed from and the files that text imports. A
/// result's fingerprint is a hash tree over them (a file's own hash and its imports' fingerprints), so
/// a stamp names its spec alone and still covers every file it reads, however deep: a chain of 3,000
/// imports gave stamps listing every file below them (quadratic in size, 72 MB, and re-hashed on every
/// re-run); now each file is recorded once and each pass checks each file once.
/// </summary>
internal sealed class InputGraph(string output)
{
    public const string Schema = "costdsl-input/1";

    private readonly RecordStore store = new(Path.Combine(output, ".costdsl", "inputs"), Schema);

    public string Folder => store.Folder;

    public sealed record Node(string Hash, IReadOnlyList<string> Imports);

    public string PathOf(string key) => Path.Combine(Folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + ".json");

    /// <summary>
    /// The fingerprint of <paramref name="root"/> over <paramref name="nodes"/>; null when a node is missing or the imports go
    /// round in a cycle. Only the nodes whose tree <paramref name="memo"/> does not know yet are asked for, and each is given to
    /// <paramref name="computed"/> before its tree goes into the memo: whoever finds a tree there finds its nodes recorded.
    /// </summary>
    public static string? Fingerprint(string settings, string root, Func<string, Node?> nodes, IDictionary<string, string> memo, Action<string, Node>? computed = null) =>
        Tree(root, nodes, memo, computed) is { } spec && Tree(Modules.BundledLibrary.Prelude, nodes, memo, computed) is { } prelude
            ? Hash(settings + "\n" + spec + "\n" + prelude)
            : null;

    private static string? Tree(string root, Func<string, Node?> nodes, IDictionary<string, string> memo, Action<string, Node>? computed)
    {
        // Iterative, in post-order: a chain of thousands of imports must not need as deep a stack.
        var stack = new Stack<(string Key, Node Node, int Next)>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        if (!memo.ContainsKey(root))
        {
            if (nodes(root) is not { } start)
            {
                return null;
            }

            stack.Push((root, start, 0));
            onStack.Add(root);
        }

        while (stack.TryPop(out var top))
        {
            if (top.Next < top.Node.Imports.Count)
            {
                stack.Push(top with { Next = top.Next + 1 });
                var child = top.Node.Imports[top.Next];
                if (memo.ContainsKey(child))
                {
                    continue;
                }

                if (!onStack.Add(child) || nodes(child) is not { } node)
                {
                    // A cycle (an error the result reports) or a file not recorded: nothing to vouch for.
                    return null;
                }

                stack.Push((child, node, 0));
                continue;
            }

            var text = new StringBuilder(top.Key).Append(' ').Append(top.Node.Hash).Append('\n');
            foreach (var import in top.Node.Imports)
            {
                text.Append(memo[import]).Append('\n');
            }

            computed?.Invoke(top.Key, top.Node);
            memo[top.Key] = Hash(text.ToString());
            onStack.Remove(top.Key);
        }

        return memo[root];
    }

    public Node? Read(string key) =>
        store.Read(PathOf(key)) is { } record && (string?)record["key"] == key && (string?)record["sha256"] is { } hash
            ? new Node(hash, RecordStore.Strings(record, "imports"))
            : null;

    public void Write(string key, Node node, PassWrites writes) => store.Write(
        PathOf(key),
        json => json
            .String("key", key)
            .String("sha256", node.Hash)
            .Array("imports", node.Imports, import => json.String(import)),
        writes);

    /// <summary>
    /// Removes the record of every file no spec of a whole pass reached (a deleted spec, an import no
    /// longer imported): without it the folder grows with every file that ever was. Only a record is
    /// removed, never a result or a stamp; a record removed in error, or by a pass killed half-way,
    /// leaves a stamp whose fingerprint cannot be computed, which the next pass evaluates again.
    /// </summary>
    public int Prune(IReadOnlySet<string> live)
    {
        var keep = live.Select(PathOf).ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var path in store.Paths("*.json").ToList())
        {
            if (keep.Contains(path))
            {
                continue;
            }

            try
            {
                File.Delete(path);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for a later pass: a stale record is never trusted (its file's hash is checked), only kept.
            }
        }

        return removed;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>What one pass has read and written, so that each file is checked and recorded once a pass however many specs import it.</summary>
    public sealed class Pass(InputGraph graph, PassWrites writes)
    {
        private readonly ConcurrentDictionary<string, Node?> read = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string> written = new(StringComparer.Ordinal);

        /// <summary>Fingerprints computed from the files as they are now, shared by every spec of the pass.</summary>
        public ConcurrentDictionary<string, string> Current { get; } = new(StringComparer.Ordinal);

        /// <summary>The record of a file, when the file still hashes as it says.</summary>
        public Node? Valid(string key, Func<string, string?> currentHash) =>
            read.GetOrAdd(key, k => graph.Read(k) is { } node && currentHash(k) == node.Hash ? node : null);

        /// <summary>Records a file once a pass (again when a spec of this pass read other text of it).</summary>
        public void Record(string key, Node node)
        {
            if (written.TryGetValue(key, out var hash) && hash == node.Hash)
            {
                return;
            }

            graph.Write(key, node, writes);
            written[key] = node.Hash;
        }

        /// <summary>The files whose records this pass relied on or wrote: after a whole pass, every other record is of no use.</summary>
        public IReadOnlySet<string> Live() =>
            read.Where(r => r.Value is not null).Select(r => r.Key).Concat(written.Keys).ToHashSet(StringComparer.Ordinal);
    }
}
