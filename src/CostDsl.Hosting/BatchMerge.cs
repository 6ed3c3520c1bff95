using CostDsl.Diagnostics;
using CostDsl.Files;
using CostDsl.Text;
using Newtonsoft.Json;

namespace CostDsl.Hosting;

/// <summary>
/// <c>costdsl merge</c> of batch parts: the output folders of <c>costdsl batch --shard K/N</c>, one for
/// each K, joined into one folder whose every file (results, stamps, index.json) is byte for byte what
/// the unsharded batch writes. Parts are refused, each refusal a diagnostic naming the part, when
/// they were made with other settings or another build of costdsl, when a part is missing, given twice
/// or from another split, when a part lists a spec that is not its own, or when a part's batch did
/// not finish. Nothing is written to the output folder unless every part belongs.
/// </summary>
public static class BatchMerge
{
    /// <summary>What the merge did: the refusals (nothing was written when there are any), or the merged entries.</summary>
    public sealed record Outcome(IReadOnlyList<Diagnostic> Refusals, IReadOnlyList<BatchEntry> Entries)
    {
        public bool Merged => Refusals.Count == 0;

        /// <summary>0 when merged and every spec is clean; 1 when refused or any spec has an error or a failed assert, as <c>costdsl batch</c> exits.</summary>
        public int ExitCode => !Merged || Entries.Any(e => e.Failed) ? 1 : 0;
    }

    /// <param name="Folder">The part as the user named it, for messages.</param>
    /// <param name="Location">Its full path, for reading: a relative one made every file operation ask for the working folder again.</param>
    /// <param name="Index">The part's index as text, for a refusal's location: decoded only when a refusal needs it.</param>
    private sealed record Part(string Folder, string Location, Lazy<SourceFile> Index, BatchIdentity Identity, IReadOnlyList<BatchEntry> Entries);

    /// <summary>The largest part index read, in bytes: an entry is about 250 bytes, so a part of four million specs.</summary>
    private const long MaxIndexBytes = 1L << 30;

    public static Outcome Merge(IReadOnlyList<string> folders, string output) => Merge(folders, output, link: true);

    /// <summary>As <see cref="Merge(IReadOnlyList{string}, string)"/>; without <paramref name="link"/> every file is copied, as where links cannot be made.</summary>
    internal static Outcome Merge(IReadOnlyList<string> folders, string output, bool link)
    {
        output = Path.GetFullPath(output);
        var refusals = new List<Diagnostic>();
        var parts = new List<Part>();
        foreach (var folder in folders)
        {
            if (Read(folder, refusals) is { } part)
            {
                parts.Add(part);
            }
        }

        if (refusals.Count > 0)
        {
            return new Outcome(refusals, []);
        }

        CheckSameMaking(parts, refusals);
        CheckTiling(parts, refusals);
        if (refusals.Count > 0)
        {
            return new Outcome(refusals, []);
        }

        var entries = parts.SelectMany(p => p.Entries.Select(e => (Part: p, Entry: e))).ToList();
        var listed = CheckRegularFiles(parts, entries, refusals);
        if (refusals.Count > 0)
        {
            return new Outcome(refusals, []);
        }

        // One file read as two different texts means the parts saw different inputs.
        // Only a name that two parts hold is read (to compare); every other record is placed without being read.
        // Sized for a record per spec up front: grown by doubling, its arrays were a tenth of the merge's time.
        var records = new Dictionary<string, Part>(entries.Count + 16, StringComparer.Ordinal);
        (int Part, string Name, Part Other)? differing = null;
        for (var p = 0; p < parts.Count && differing is null; p++)
        {
            // Listed in the file system's order, unsorted: a refusal names the first differing record in name order, as a sorted walk would.
            var part = parts[p];
            foreach (var name in listed[p])
            {
                if (!records.TryAdd(name, part) && !SameBytes(RecordPath(records[name], name), RecordPath(part, name))
                    && (differing is not { } found || string.CompareOrdinal(name, found.Name) < 0))
                {
                    differing = (p, name, records[name]);
                }
            }
        }

        if (differing is { } different)
        {
            var part = parts[different.Part];
            refusals.Add(Refuse(Codes.PartsDiffer, part.Index.Value, null, $"{part.Folder} and {different.Other.Folder} read different versions of one input ({Path.Combine(".costdsl", "inputs", different.Name)}): the specs changed between the parts; run them again on one checkout"));
            return new Outcome(refusals, []);
        }

        // Results and their stamps first, the index last: a merge stopped part-way leaves no index vouching for a missing result.
        // An index left by an earlier merge goes first, durably, so that it never vouches for a file being replaced.
        var index = Path.Combine(output, BatchIndex.FileName);
        if (File.Exists(index))
        {
            File.Delete(index);
            DiskSync.FlushFolder(output);
        }

        // No flush per file: the files are made durable together, before the index names them. Every file has the
        // same name under its part as under the output, relative to the folder: the layout of a folder without a
        // folder (new InputGraph(""), new ResultStamps("")) gives those names.
        // A part's files are placed folder by folder (the results, then their stamps), the order Placing keeps its folders open for.
        using var placing = new Placing(output, link, records.Count + (2 * entries.Count));
        var inputs = new InputGraph(string.Empty).Folder;
        var stamps = new ResultStamps(string.Empty);
        foreach (var (name, part) in records)
        {
            // In the order added (no record is removed): the first part's records, then the second's.
            placing.Place(part.Location, Path.Combine(inputs, name));
        }

        foreach (var part in parts)
        {
            foreach (var entry in part.Entries)
            {
                placing.Place(part.Location, entry.Result);
            }

            foreach (var entry in part.Entries)
            {
                placing.Place(part.Location, stamps.PathOf(entry.File), optional: true);
            }
        }

        DiskSync.Flush(output, placing.Written);
        var first = parts[0].Identity;
        var merged = entries.Select(e => e.Entry).ToList();
        AtomicFile.Write(index, text => BatchIndex.Write(text, merged, complete: true, first with { Shard = BatchShard.Whole }));
        return new Outcome([], merged);
    }

    private static string NotRegular(Part part, string file) =>
        $"{file} in {part.Folder} is not a regular file (a link that leads nowhere, a FIFO, a device or a socket): no batch writes one; run that part again";

    private static string RecordPath(Part part, string name) => Path.Combine(new InputGraph(part.Location).Folder, name);

    /// <summary>
    /// Checks that every file the parts contribute is a regular file there (links followed), before anything is written:
    /// a result that is missing, or a result, stamp or input record that is a link leading nowhere or a FIFO (whose copy
    /// would block), is refused, naming it. Returns each part's input records (their names).
    /// </summary>
    private static List<List<string>> CheckRegularFiles(List<Part> parts, List<(Part Part, BatchEntry Entry)> entries, List<Diagnostic> refusals)
    {
        var listings = new FolderListings();
        var stamps = new ResultStamps(string.Empty);
        foreach (var (part, entry) in entries)
        {
            var result = listings.Find(part.Location, entry.Result);
            if (result != FolderListings.Kind.Regular)
            {
                refusals.Add(Refuse(Codes.NotAPart, part.Index.Value, entry.Result, result == FolderListings.Kind.Missing
                    ? $"{part.Index.Value.Path} lists {entry.Result}, which is not in {part.Folder}; run that part again"
                    : NotRegular(part, entry.Result)));
            }
        }

        // The stamps after the results, so that the listings are asked about one folder after another.
        foreach (var (part, entry) in entries)
        {
            // A result may have no stamp (one that is never reused); the batch then wrote none either.
            if (listings.Find(part.Location, stamps.PathOf(entry.File)) == FolderListings.Kind.Special)
            {
                refusals.Add(Refuse(Codes.NotAPart, part.Index.Value, entry.Result, NotRegular(part, stamps.PathOf(entry.File))));
            }
        }

        // The records of the files the parts read, each a regular file too.
        var inputs = new InputGraph(string.Empty).Folder;
        var listed = new List<List<string>>();
        foreach (var part in parts)
        {
            var names = new List<string>();
            foreach (var (name, kind) in FolderListings.Names(new InputGraph(part.Location).Folder, ".json"))
            {
                if (kind == FolderListings.Kind.Special)
                {
                    refusals.Add(Refuse(Codes.NotAPart, part.Index.Value, null, NotRegular(part, Path.Combine(inputs, name))));
                }
                else if (kind == FolderListings.Kind.Regular)
                {
                    names.Add(name);
                }
            }

            listed.Add(names);
        }

        return listed;
    }

    private static bool SameBytes(string one, string other) =>
        new FileInfo(one).Length == new FileInfo(other).Length && File.ReadAllBytes(one).AsSpan().SequenceEqual(File.ReadAllBytes(other));

    /// <summary>
    /// Puts a part's file into the merged folder under the same relative name: a hard link when both are on
    /// one file system (a part's files are never changed in place, see <see cref="HardLink"/>), a copy through
    /// <see cref="Files.SafeFile"/> otherwise. Either way the name appears whole or not at all; neither is flushed here.
    /// </summary>
    /// <param name="files">How many files will be placed, at most.</param>
    private sealed class Placing(string output, bool link, int files) : IDisposable
    {
        private readonly HashSet<string> made = new(StringComparer.Ordinal);
        private readonly HardLink links = new();

        // The folder of the file placed last, under its part and under the output: the next file is most often in it too.
        private string lastPart = string.Empty;
        private string lastFolder = string.Empty;
        private string from = string.Empty;
        private string to = string.Empty;

        /// <summary>The files placed, relative to the output folder.</summary>
        public List<string> Written { get; } = new(files);

        public void Place(string part, string name, bool optional = false)
        {
            var cut = name.AsSpan().LastIndexOfAny('/', Path.DirectorySeparatorChar);
            var folder = cut < 0 ? ReadOnlySpan<char>.Empty : name.AsSpan(0, cut);
            if (!ReferenceEquals(part, lastPart) || !folder.SequenceEqual(lastFolder))
            {
                lastPart = part;
                lastFolder = folder.ToString();
                from = Path.Combine(part, lastFolder);
                to = Path.Combine(output, lastFolder);

                // Each folder made once: a merge of 10,000 results asked 30,000 times for a handful of folders.
                if (made.Add(lastFolder))
                {
                    Directory.CreateDirectory(to);
                }
            }

            if (!link || !links.TryCreate(from, to, name.AsSpan(cut + 1)))
            {
                var source = Path.Combine(part, name);
                if (optional && !File.Exists(source))
                {
                    return;
                }

                Files.SafeFile.Write(Path.Combine(output, name), File.ReadAllBytes(source), flushToDisk: false);
            }

            Written.Add(name);
        }

        public void Dispose() => links.Dispose();
    }

    private static Part? Read(string folder, List<Diagnostic> refusals)
    {
        var path = Path.Combine(folder, BatchIndex.FileName);
        var display = path.Replace(Path.DirectorySeparatorChar, '/');
        ArraySegment<byte> bytes;
        try
        {
            // Read as a spec is: a FIFO or device named index.json is refused unopened (it would hang the merge), a huge file unread.
            bytes = SafeRead.ReadBytes(path, MaxIndexBytes, display);
        }
        catch (FileNotFoundException)
        {
            refusals.Add(Refuse(Codes.NotAPart, new SourceFile(display, string.Empty), null, $"{folder} has no {BatchIndex.FileName}: it is not the output folder of a finished costdsl batch"));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // SafeRead's own messages name the file as shown; the system's do not.
            var message = e is IOException ? e.Message : $"{display} cannot be read: {e.Message}";
            refusals.Add(Refuse(Codes.NotAPart, new SourceFile(display, string.Empty), null, message));
            return null;
        }

        // Four parts of 10,000 specs are 2.5 MB of JSON: their text is made only for a refusal that points into it.
        var index = new Lazy<SourceFile>(() => new SourceFile(display, SafeRead.Decode(bytes)), LazyThreadSafetyMode.None);
        try
        {
            var json = BatchIndex.Read(bytes);
            if (json.Schema != BatchIndex.Schema)
            {
                refusals.Add(Refuse(Codes.NotAPart, index.Value, "\"schema\"", $"{display} has schema '{json.Schema}', not {BatchIndex.Schema}: it was written by another version of costdsl; run that part again with this one"));
                return null;
            }

            if (json.Complete != true)
            {
                refusals.Add(Refuse(Codes.NotAPart, index.Value, "\"complete\"", $"the batch that wrote {display} was stopped before its end (\"complete\": false); run that part again to finish it"));
                return null;
            }

            var (shard, error) = json.Shard is null ? (BatchShard.Whole, null) : BatchShard.Parse(json.Shard);
            if (shard is null)
            {
                refusals.Add(Refuse(Codes.NotAPart, index.Value, "\"shard\"", $"{display}: {error}"));
                return null;
            }

            var identity = new BatchIdentity(json.Settings ?? string.Empty, json.Engine ?? string.Empty, shard);
            var entries = json.Files;

            // The index names results relative to its folder; one that climbs out of it is not a batch's.
            if (entries.FirstOrDefault(e => e.Result != e.File + ".json" || e.File.Length == 0 || e.File.StartsWith('/') || e.File.Split('/').Any(s => s is "" or "." or "..")) is { } bad)
            {
                refusals.Add(Refuse(Codes.NotAPart, index.Value, bad.File, $"{display} lists '{bad.File}', which is not a spec path a batch writes"));
                return null;
            }

            return new Part(folder, Path.GetFullPath(folder), index, identity, entries);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            refusals.Add(Refuse(Codes.NotAPart, index.Value, null, $"{display} is not a batch index: {e.Message}"));
            return null;
        }
    }

    private static void CheckSameMaking(List<Part> parts, List<Diagnostic> refusals)
    {
        var first = parts[0];
        foreach (var part in parts.Skip(1))
        {
            if (part.Identity.Settings != first.Identity.Settings)
            {
                refusals.Add(Refuse(Codes.PartsDiffer, part.Index.Value, "\"settings\"", $"{part.Folder} was made with other settings than {first.Folder} (samples, seed, limits or rules roots differ: settings {Short(part.Identity.Settings)} against {Short(first.Identity.Settings)}); run every part with the same --settings file"));
            }

            if (part.Identity.Engine != first.Identity.Engine)
            {
                refusals.Add(Refuse(Codes.PartsDiffer, part.Index.Value, "\"engine\"", $"{part.Folder} was made by another build of costdsl than {first.Folder} ({part.Identity.Engine} against {first.Identity.Engine}); run every part with the same build"));
            }
        }
    }

    private static void CheckTiling(List<Part> parts, List<Diagnostic> refusals)
    {
        var count = parts[0].Identity.Shard.Count;
        foreach (var part in parts.Where(p => p.Identity.Shard.Count != count))
        {
            refusals.Add(Refuse(Codes.PartsDoNotTile, part.Index.Value, "\"shard\"", $"{part.Folder} is part {part.Identity.Shard} of another split than {parts[0].Folder} (part {parts[0].Identity.Shard}); merge the parts of one split"));
        }

        if (refusals.Count > 0)
        {
            return;
        }

        foreach (var twice in parts.GroupBy(p => p.Identity.Shard.Index).Where(g => g.Count() > 1))
        {
            var again = twice.Skip(1).First();
            refusals.Add(Refuse(Codes.PartsDoNotTile, again.Index.Value, "\"shard\"", $"{again.Folder} and {twice.First().Folder} are both part {again.Identity.Shard}: the parts overlap"));
        }

        var missing = Enumerable.Range(0, count).Except(parts.Select(p => p.Identity.Shard.Index)).ToList();
        if (missing.Count > 0)
        {
            var names = string.Join(", ", missing.Take(10).Select(k => $"{k}/{count}")) + (missing.Count > 10 ? $" and {missing.Count - 10} more" : string.Empty);
            refusals.Add(Refuse(Codes.PartsDoNotTile, parts[0].Index.Value, "\"shard\"", $"part{(missing.Count == 1 ? string.Empty : "s")} {names} missing: a merge needs every part from 0/{count} to {count - 1}/{count}"));
        }

        foreach (var part in parts)
        {
            if (part.Entries.FirstOrDefault(e => !part.Identity.Shard.Contains(e.File)) is { } stray)
            {
                refusals.Add(Refuse(Codes.PartsDoNotTile, part.Index.Value, stray.File, $"{part.Folder} (part {part.Identity.Shard}) lists {stray.File}, which belongs to part {BatchShard.PartOf(stray.File, count)}/{count}: the parts overlap"));
            }
        }
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    /// <summary>A refusal located at <paramref name="near"/> in the part's index (its first mention), or at its start.</summary>
    private static Diagnostic Refuse(DiagnosticCode code, SourceFile index, string? near, string message)
    {
        var at = near is null ? -1 : index.Text.IndexOf(near, StringComparison.Ordinal);
        return new Diagnostic(Severity.Error, code, message, at < 0 ? index.Span(0, 0) : index.Span(at, near!.Length));
    }
}
