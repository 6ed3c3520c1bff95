using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CostDsl.Text;

namespace CostDsl.Modules;

/// <summary>
/// The files one batch pass reads, each read from disk once for the whole pass however many specs
/// import it. A chain of 3,000 imports made every spec re-read (and re-hash) every file below it,
/// 4.5 million reads in all (issue 18); through a snapshot the pass reads 3,000. A snapshot lives for
/// one pass and is then dropped, so the next pass reads every file afresh: an edited file is never
/// served from it. It holds facts about the file system only (where links lead, the text read); every
/// confinement decision is still made by <see cref="ConfinedSources"/> on every lookup, and a file is
/// read only after a lookup has allowed it (see <see cref="ConfinedSources.Open"/>). Safe to share
/// between the threads of a pass.
/// </summary>
public sealed class ReadSnapshot
{
    private readonly ConcurrentDictionary<string, Lazy<string?>> realPaths = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Real, long Limit), Lazy<SnapshotRead>> reads = new();
    private readonly ConcurrentDictionary<(string Location, string Path), SourceFile> files = new();
    private readonly ConcurrentDictionary<SourceFile, string> hashes = new(ReferenceEqualityComparer.Instance);

    // Pure functions of their strings (no file is looked at), remembered because a chain of imports asks
    // them once per spec above each file: 4.5 million times for 3,000 files.
    private readonly ConcurrentDictionary<(string Folder, string Import), string> locations = new();
    private readonly ConcurrentDictionary<(string Root, string Location), string> displayPaths = new();
    private readonly ConcurrentDictionary<object, Semantics.ImportClosures> closures = new(ReferenceEqualityComparer.Instance);
    private long diskReads;

    /// <summary>How many files were really read from disk; a test reads it to see each file read once.</summary>
    public long DiskReads => Interlocked.Read(ref diskReads);

    /// <summary>The SHA-256 of the UTF-8 text (lower-case hex), computed once per file of the snapshot: the fingerprint a batch records for each input.</summary>
    public string TextHash(SourceFile file) =>
        hashes.GetOrAdd(file, static f => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(f.Text))));

    /// <summary>Where <paramref name="full"/> leads once every link is followed (null for a loop), looked up once.</summary>
    internal string? RealPath(string full) =>
        realPaths.GetOrAdd(full, static f => new Lazy<string?>(() => ImportRoots.RealPath(f), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>The outcome of reading the file at <paramref name="real"/> (at most <paramref name="limit"/> bytes), read at most once.</summary>
    internal SnapshotRead Read(string real, long limit, Func<SnapshotRead> read) =>
        reads.GetOrAdd((real, limit), static (_, read) => new Lazy<SnapshotRead>(read, LazyThreadSafetyMode.ExecutionAndPublication), read).Value;

    /// <summary><c>Path.GetFullPath(Path.Combine(folder, importPath))</c>, computed once per pair.</summary>
    internal string Location(string folder, string importPath) =>
        locations.GetOrAdd((folder, importPath), static key => Path.GetFullPath(Path.Combine(key.Folder, key.Import)));

    /// <summary><paramref name="location"/> as diagnostics name it (relative to <paramref name="root"/>), computed once per pair.</summary>
    internal string DisplayPath(string root, string location, Func<string, string> display) =>
        displayPaths.GetOrAdd((root, location), static (key, display) => display(key.Location), display);

    /// <summary>
    /// The loads of imports remembered for this pass under one confinement policy (<paramref name="policy"/>,
    /// by identity): a lookup's answer depends on the policy, the file system (pinned here) and nothing else.
    /// </summary>
    internal Semantics.ImportClosures ClosuresFor(object policy) => closures.GetOrAdd(policy, static _ => new Semantics.ImportClosures());

    /// <summary>Counts one read from disk.</summary>
    internal void CountRead() => Interlocked.Increment(ref diskReads);

    /// <summary>One <see cref="SourceFile"/> per file and display path, so that every spec of the pass shares it (and the parse cached for it).</summary>
    internal SourceFile File(string displayPath, string text, string location) =>
        files.GetOrAdd((location, displayPath), static (key, text) => new SourceFile(key.Path, text, key.Location), text);
}
