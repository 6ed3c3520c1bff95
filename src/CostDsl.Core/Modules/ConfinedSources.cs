using System.Collections.Concurrent;
using CostDsl.Diagnostics;
using CostDsl.Files;
using CostDsl.Text;

namespace CostDsl.Modules;

/// <summary>
/// Imports for hosts that evaluate files they did not write: std/... from the bundled library, any
/// other file only inside the allowed folders (the input folder first, then the rules roots). The
/// check is made on the path as written and again after following links, before a byte is read, and
/// no file is read past <see cref="MaxSourceBytes"/>. Immutable after construction, so one instance
/// serves every thread of a batch.
/// </summary>
public sealed class ConfinedSources : FileSystemSources
{

    private readonly string[] lexicalRoots;
    private readonly string[] realRoots;

    // The bundled library cannot change while the process runs; reading it once saves a copy per import, and
    // one SourceFile per file lets a pass's remembered loads (Closures) find a std/ import by identity.
    private readonly ConcurrentDictionary<string, SourceFile?> bundled = new(StringComparer.Ordinal);

    // The policy's identity, shared by its views of each pass: the key of a pass's remembered loads.
    private readonly object policy;

    // Null but in a pass's view (WithSnapshot): then each file is read once for the pass.
    private readonly ReadSnapshot? snapshot;

    public ConfinedSources(string inputRoot, IEnumerable<string> rulesRoots, long maxSourceBytes)
        : base([], maxSourceBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSourceBytes);
        lexicalRoots = [.. new[] { inputRoot }.Concat(rulesRoots).Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r)))];
        realRoots = [.. lexicalRoots.Select(r => ImportRoots.RealPath(r) ?? r)];
        policy = new object();
    }

    private ConfinedSources(ConfinedSources policy, ReadSnapshot snapshot)
        : base([], policy.MaxSourceBytes)
    {
        lexicalRoots = policy.lexicalRoots;
        realRoots = policy.realRoots;
        bundled = policy.bundled;
        this.policy = policy.policy;
        this.snapshot = snapshot;
    }

    /// <summary>
    /// The same confinement, reading through <paramref name="snapshot"/>: a file that several specs of
    /// a pass import is read once. Every lookup still makes every check on its own path.
    /// </summary>
    public ConfinedSources WithSnapshot(ReadSnapshot snapshot) => new(this, snapshot);

    /// <summary>The folder display paths are relative to, and where root files are looked for.</summary>
    public string InputRoot => lexicalRoots[0];

    /// <summary>Already confined to the input folder and the rules roots, whatever the root.</summary>
    public override SourceProvider ForRoot(SourceFile root) => this;

    /// <summary>Within a pass (<see cref="WithSnapshot"/>) every lookup gives the same answer, so loads may be replayed; outside one, none.</summary>
    public override Semantics.ImportClosures? Closures => snapshot?.ClosuresFor(policy);

    public override SourceLookup Resolve(string importPath, SourceFile importer)
    {
        if (importPath.StartsWith(BundledLibrary.Prefix, StringComparison.Ordinal))
        {
            var file = bundled.GetOrAdd(importPath, static p => BundledLibrary.Read(p) is { } text ? new SourceFile(p, text) : null);
            return file is null
                ? SourceLookup.Missing($"the bundled library has no '{importPath}' (it has: {string.Join(", ", BundledLibrary.Paths)})")
                : SourceLookup.Found(file);
        }

        if (importer.Location.StartsWith(BundledLibrary.Prefix, StringComparison.Ordinal))
        {
            return base.Resolve(importPath, importer);
        }

        if (Path.IsPathRooted(importPath))
        {
            return SourceLookup.Refused($"import '{importPath}' is an absolute path; an import names a file relative to the importing file");
        }

        var folder = Path.GetDirectoryName(importer.Location) ?? InputRoot;
        if (snapshot is null)
        {
            var location = Path.GetFullPath(Path.Combine(folder, importPath));
            return ToLookup(Open(location, DisplayPath(location), $"import '{importPath}'"));
        }

        // The same path strings as above, remembered by the pass; every check on the path below is still made.
        var full = snapshot.Location(folder, importPath);
        return ToLookup(OpenFull(full, snapshot.DisplayPath(InputRoot, full, DisplayPath), importPath));
    }

    public override SourceLookup Load(string location, string displayPath)
    {
        return ToLookup(Open(location, displayPath, $"import '{displayPath}'"));
    }

    /// <summary>
    /// Reads a file if it lies inside the allowed folders, following links, and is not larger than
    /// the limit. <paramref name="named"/> starts every refusal message ("import '../x.cost'").
    /// </summary>
    public ConfinedRead Open(string location, string displayPath, string named) =>
        Open(Path.GetFullPath(location), displayPath, () => named);

    /// <summary><see cref="Open(string, string, string)"/> for an import whose path is already full; its message is made only if needed.</summary>
    private ConfinedRead OpenFull(string full, string displayPath, string importPath) =>
        Open(full, displayPath, () => $"import '{importPath}'");

    private ConfinedRead Open(string full, string displayPath, Func<string> naming)
    {
        if (!ImportRoots.IsInside(full, lexicalRoots))
        {
            return ConfinedRead.Refused(Codes.ImportOutsideRoot, $"{naming()} leaves the input folder and the rules roots");
        }

        var real = snapshot is null ? ImportRoots.RealPath(full) : snapshot.RealPath(full);
        if (real is null || !ImportRoots.IsInside(real, realRoots))
        {
            return ConfinedRead.Refused(Codes.ImportOutsideRoot, $"{naming()} is a link that leaves the input folder and the rules roots");
        }

        // Read only now that this lookup has allowed the file; a snapshot reads it once for its pass.
        var read = snapshot is null ? ReadFile(real) : snapshot.Read(real, MaxSourceBytes, () =>
        {
            snapshot.CountRead();
            return ReadFile(real);
        });
        return read.Failure switch
        {
            SnapshotFailure.None => ConfinedRead.Found(snapshot?.File(displayPath, read.Text!, full) ?? new SourceFile(displayPath, read.Text!, full)),
            SnapshotFailure.NotFound => ConfinedRead.Refused(Codes.FileNotFound, $"file not found: {displayPath}"),
            SnapshotFailure.NotRegular => ConfinedRead.Refused(Codes.FileUnreadable, $"{naming()} is not a regular file (a FIFO, a device, a socket or a kernel view such as /proc); it was not opened"),
            SnapshotFailure.TooLarge => TooLarge(displayPath),
            _ => ConfinedRead.Refused(Codes.FileUnreadable, $"cannot read {displayPath}: {read.Error}"),
        };
    }

    private SnapshotRead ReadFile(string real)
    {
        try
        {
            if (!File.Exists(real))
            {
                return SnapshotRead.Of(SnapshotFailure.NotFound);
            }

            // Opening a FIFO blocks until a writer comes, and a device may never end: refused before they are opened.
            if (!SpecialFiles.IsRegularFile(real))
            {
                return SnapshotRead.Of(SnapshotFailure.NotRegular);
            }

            using var stream = new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length > MaxSourceBytes)
            {
                return SnapshotRead.Of(SnapshotFailure.TooLarge);
            }

            var buffer = new byte[Math.Min(MaxSourceBytes + 1, stream.CanSeek ? stream.Length + 1 : MaxSourceBytes + 1)];
            var count = 0;
            int read;
            while (count < buffer.Length && (read = stream.Read(buffer, count, buffer.Length - count)) > 0)
            {
                count += read;
            }

            return count > MaxSourceBytes
                ? SnapshotRead.Of(SnapshotFailure.TooLarge)
                : new SnapshotRead(SafeRead.Decode(buffer.AsSpan(0, count)), SnapshotFailure.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return SnapshotRead.Of(SnapshotFailure.Unreadable, e.Message);
        }
    }

    /// <summary>How diagnostics name a file: relative to the input folder, with forward slashes, the same on every machine.</summary>
    public string DisplayPath(string location) =>
        Path.GetRelativePath(InputRoot, location).Replace(Path.DirectorySeparatorChar, '/');

    private static SourceLookup ToLookup(ConfinedRead read) =>
        read.File is { } file ? SourceLookup.Found(file) : new SourceLookup(null, read.Error ?? "cannot read the file", read.Code);

    private ConfinedRead TooLarge(string displayPath) =>
        ConfinedRead.Refused(Codes.LimitExceeded, $"{displayPath} is larger than the limit MaxSourceBytes ({MaxSourceBytes} bytes); it was not read");
}
