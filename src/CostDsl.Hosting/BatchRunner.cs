using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Modules;
using CostDsl.Output;
using CostDsl.Output.Formats;
using CostDsl.Semantics;
using CostDsl.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostDsl.Hosting;

/// <summary>
/// One pass over the input folder: every .cost file gets OUT/&lt;path&gt;.json unless its stamp (the
/// fingerprint of its text, every import's text, the settings and the engine build, and the hash of the
/// result itself; see <see cref="ResultStamps"/>) still holds. Whatever goes wrong with one spec (an
/// exception from the evaluator, a result that cannot be written) stays in that spec's result or log
/// line; the other files go on. Results of deleted specs are removed, and OUT/index.json is rebuilt
/// from what is on disk, also when the pass is cancelled. Passes run one at a time; files within a pass
/// run in parallel.
/// </summary>
public sealed class BatchRunner
{
    private readonly ICostEvaluator evaluator;
    private readonly CostDslOptions settings;
    private readonly IBatchProgress progress;
    private readonly ILogger<BatchRunner> logger;
    private readonly string input;
    private readonly string output;
    private readonly ConfinedSources sources;
    private readonly ResultStamps stamps;
    private readonly InputGraph graph;
    private readonly string settingsStamp;
    private readonly BatchIdentity identity;
    private readonly bool warningsAsErrors;
    private readonly ConcurrentDictionary<string, string?> bundledHashes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim onePass = new(1, 1);

    public BatchRunner(ICostEvaluator evaluator, IOptions<CostDslOptions> settings, IOptions<BatchOptions> batch, IBatchProgress progress, ILogger<BatchRunner> logger)
    {
        this.evaluator = evaluator;
        this.settings = settings.Value;
        this.progress = progress;
        this.logger = logger;
        input = Path.TrimEndingDirectorySeparator(Path.GetFullPath(batch.Value.Input));
        output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(batch.Value.Output));
        sources = new ConfinedSources(input, this.settings.RulesRoots, this.settings.Limits.MaxSourceBytes);
        stamps = new ResultStamps(output);
        graph = new InputGraph(output);
        var (settingsText, engineText) = SettingsStamp(this.settings);
        warningsAsErrors = batch.Value.WarningsAsErrors;

        // The flag decides a result's status, so a stamp made without it must not vouch for a run with
        // it (nor a part join parts run otherwise); said only when set, so other stamps stay as they were.
        settingsText += warningsAsErrors ? ";warningsAsErrors" : string.Empty;
        settingsStamp = settingsText + ";" + engineText;
        identity = new BatchIdentity(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settingsText))), engineText, batch.Value.Shard);
    }

    public string Input => input;

    public string Output => output;

    public BatchIdentity Identity => identity;

    public async Task<BatchPassSummary> RunPassAsync(CancellationToken cancellation)
    {
        await onePass.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            return await PassAsync(cancellation).ConfigureAwait(false);
        }
        finally
        {
            onePass.Release();
        }
    }

    private async Task<BatchPassSummary> PassAsync(CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        if (!Directory.Exists(input))
        {
            throw new DirectoryNotFoundException($"input folder not found: {input}");
        }

        Directory.CreateDirectory(output);
        AtomicFile.RemoveLeftovers(output);

        var found = SpecFinder.Find(input, output);
        // A shard's output folder holds that shard alone: the other parts' specs are neither evaluated nor kept here.
        var files = identity.Shard.IsWhole ? found.Files : found.Files.Where(identity.Shard.Contains).ToList();
        foreach (var folder in found.Unreadable)
        {
            logger.LogError("{Folder}: the folder cannot be read; its specs are not evaluated", folder);
        }

        var removed = RemoveGone(files);

        // One read of each input per pass, however many specs import it: for the stamps (hashes) and
        // for evaluating (the snapshot; a chain of 3,000 imports read each file once per spec above it).
        var hashes = new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        var writes = new PassWrites(IndexPath);
        var inputs = new InputGraph.Pass(graph, writes);
        var reads = new PassReads(new ReadSnapshot(), new(StringComparer.Ordinal), new(StringComparer.Ordinal), writes);
        var entries = new ConcurrentDictionary<string, BatchEntry>(StringComparer.Ordinal);
        int done = 0, evaluated = 0, skipped = 0, failed = 0;
        var complete = false;
        var indexWritten = false;
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellation };
            await Parallel.ForEachAsync(files, parallel, async (file, token) =>
            {
                var (entry, fresh) = await ProcessAsync(file, hashes, inputs, reads, token).ConfigureAwait(false);
                Interlocked.Increment(ref fresh ? ref evaluated : ref skipped);
                if (entry is not null)
                {
                    entries[file] = entry;
                }

                if (entry is null || entry.Failed)
                {
                    Interlocked.Increment(ref failed);
                }

                progress.Report(new BatchProgress(Interlocked.Increment(ref done), files.Count, Volatile.Read(ref failed), Volatile.Read(ref skipped)));
            }).ConfigureAwait(false);
            complete = true;
            PruneInputs(inputs);
        }
        finally
        {
            // Also on cancellation: the index then lists exactly the results this pass vouched for, once they are durable.
            indexWritten = WriteIndex(files, entries, complete, writes);
            progress.Finish(new BatchProgress(done, files.Count, failed, skipped));
        }

        var summary = new BatchPassSummary(files.Count, evaluated, skipped, failed + found.Unreadable.Count, removed, clock.Elapsed) { IndexWritten = indexWritten };
        logger.LogInformation(
            "{Files} files: {Evaluated} evaluated, {Skipped} up to date, {Failed} with errors or failed asserts, {Removed} removed, in {Seconds:0.00} s; results in {Output}",
            summary.Files, summary.Evaluated, summary.Skipped, summary.Failed, summary.Removed, summary.Elapsed.TotalSeconds, output);
        return summary;
    }

    private string IndexPath => Path.Combine(output, BatchIndex.FileName);

    /// <summary>What the specs of one pass share: the files as read once (<see cref="ReadSnapshot"/>), the fingerprint of each input's import tree as read there, and each input's key.</summary>
    private sealed record PassReads(ReadSnapshot Snapshot, ConcurrentDictionary<string, string> Fingerprints, ConcurrentDictionary<string, string> Keys, PassWrites Writes);

    private async Task<(BatchEntry? Entry, bool Fresh)> ProcessAsync(string file, ConcurrentDictionary<string, string?> hashes, InputGraph.Pass inputs, PassReads reads, CancellationToken cancellation)
    {
        var resultPath = file + ".json";
        string json;
        BatchEntry entry;
        try
        {
            if (stamps.ReadValid(file) is { } known && IsUpToDate(known, hashes, inputs, reads.Snapshot))
            {
                return (known, false);
            }

            if (file.Contains('\uFFFD', StringComparison.Ordinal))
            {
                // The name's bytes are not UTF-8, so .NET cannot name the file to open it: say so, rather than "file not found".
                var message = $"{file}: the file name is not valid UTF-8, so it cannot be opened; rename it";
                logger.LogError("{Message}", message);
                var run = new RunResult(file, null, [new Diagnostic(Severity.Error, Codes.FileUnreadable, message, new SourceFile(file, string.Empty).Span(0, 0))]);
                json = OutputFormats.Json.Write([run], OutputOptions.Default);
                entry = new BatchEntry(file, resultPath, BatchEntry.Error, 0, 1, null, []);
            }
            else
            {
                var result = await evaluator.EvaluateAsync(SpecSource.FromFile(Path.Combine(input, file), input) with { Snapshot = reads.Snapshot }, null, cancellation).ConfigureAwait(false);
                json = evaluator.ToJson(result);
                entry = EntryOf(file, resultPath, result, inputs, reads);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Any failure of one spec, even a bug in costdsl, stays in that spec's result.
            logger.LogError("{File}: internal error: {Type}: {Message}", file, e.GetType().Name, e.Message);
            var diagnostic = new Diagnostic(Severity.Error, Codes.InternalError, $"internal error while evaluating {file}: {e.GetType().Name}: {e.Message}. Please report it with the file.", new SourceFile(file, string.Empty).Span(0, 0));
            var run = new RunResult(file, null, [diagnostic]);
            json = OutputFormats.Json.Write([run], OutputOptions.Default);
            entry = new BatchEntry(file, resultPath, BatchEntry.Error, 0, 1, null, []);
        }

        try
        {
            // Not cancellable: once evaluated, a result is written whole, then its stamp.
            var bytes = Encoding.UTF8.GetBytes(json);
            var path = Path.Combine(output, resultPath);
            reads.Writes.Write(path, json);
            entry = entry with { ResultSha256 = ResultStamps.Hash(bytes) };
            stamps.Write(entry, reads.Writes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            logger.LogError("{File}: cannot write its result {Result}: {Message}", file, resultPath, e.Message);
            return (null, true);
        }

        logger.LogDebug("{File}: {Status}, {Outputs} outputs, {Diagnostics} diagnostics", file, entry.Status, entry.Outputs, entry.Diagnostics);
        return (entry, true);
    }

    private BatchEntry EntryOf(string file, string resultPath, SpecResult result, InputGraph.Pass pass, PassReads reads)
    {
        string KeyOf(string location) => reads.Keys.GetOrAdd(location, InputKey);
        var root = result.Inputs.Count > 0 ? KeyOf(result.Inputs[0].Location) : "./" + file;

        // A result that depends on more than the text of its inputs is never reused: a timeout depends on
        // the machine's load, a missing or refused file may appear or change without any input changing.
        var cacheable = !result.TimedOut && !result.Run.Diagnostics.Any(d => UncachedCodes.Contains(d.Code.Id));
        string? fingerprint = null;
        if (cacheable && result.Inputs.Count > 0)
        {
            var read = result.Reads ?? InputLookup.Of(result);

            // Every spec of a pass read the same text of a file (the pass's snapshot), so a file's tree fingerprint is the
            // same for all of them: computed once a pass, not once per spec above it. Only the files whose tree the pass
            // does not know yet are looked up (a spec over a chain: itself), each recorded before its tree is known.
            var locations = new Dictionary<string, string>(StringComparer.Ordinal) { [root] = result.Inputs[0].Location };
            InputGraph.Node? NodeOf(string key)
            {
                if (!locations.TryGetValue(key, out var location) || read.HashOf(location) is not { } hash)
                {
                    return null;
                }

                // The units prelude, which every spec loads (an import of it is no more), is in every fingerprint apart: a file's record is then the same whether a spec or an import.
                var imports = new List<string>();
                foreach (var import in read.ImportsOf(location))
                {
                    if (import != BundledLibrary.Prelude && read.HashOf(import) is not null)
                    {
                        var importKey = KeyOf(import);
                        locations.TryAdd(importKey, import);
                        imports.Add(importKey);
                    }
                }

                return new InputGraph.Node(hash, imports);
            }

            if (read.HashOf(BundledLibrary.Prelude) is not null)
            {
                locations.TryAdd(KeyOf(BundledLibrary.Prelude), BundledLibrary.Prelude);
            }

            fingerprint = InputGraph.Fingerprint(settingsStamp, root, NodeOf, reads.Fingerprints, pass.Record);
        }

        var inputs = new[] { root };
        var status = result.Run.Diagnostics.Any(d => (d.Severity == Severity.Error && d.Code != Codes.AssertFailed) || (warningsAsErrors && d.Severity == Severity.Warning)) ? BatchEntry.Error
            : result.ExitCode != 0 ? BatchEntry.AssertFailed
            : BatchEntry.Ok;
        return new BatchEntry(file, resultPath, status, result.Run.Evaluation?.Outputs.Count ?? 0, result.Run.Diagnostics.Count, fingerprint, inputs);
    }

    private static readonly HashSet<string> UncachedCodes =
    [
        Codes.FileNotFound.Id, Codes.FileUnreadable.Id, Codes.LimitExceeded.Id, Codes.ImportOutsideRoot.Id, Codes.ImportNotFound.Id, Codes.InternalError.Id,
    ];

    /// <summary>Whether a stamped result still holds: every input reads the same as when it was made.</summary>
    private bool IsUpToDate(BatchEntry entry, ConcurrentDictionary<string, string?> hashes, InputGraph.Pass pass, ReadSnapshot snapshot)
    {
        if (entry.Fingerprint is null || entry.Inputs.Count != 1)
        {
            return false;
        }

        // Every file below the spec is read and hashed once a pass, however many specs import it.
        var current = InputGraph.Fingerprint(settingsStamp, entry.Inputs[0], key => pass.Valid(key, k => hashes.GetOrAdd(k, k => CurrentHash(k, snapshot))), pass.Current);
        return string.Equals(current, entry.Fingerprint, StringComparison.Ordinal);
    }

    private string? CurrentHash(string key, ReadSnapshot snapshot)
    {
        if (!key.StartsWith('.'))
        {
            return bundledHashes.GetOrAdd(key, k => BundledLibrary.Read(k) is { } text ? RecordingSources.Hash(text) : null);
        }

        var location = Path.GetFullPath(Path.Combine(input, key));
        var read = sources.WithSnapshot(snapshot).Open(location, sources.DisplayPath(location), key);
        return read.File is { } file ? snapshot.TextHash(file) : null;
    }

    /// <summary>Relative to the input folder (always starting with . so it cannot be taken for std/...), or std/... as it is.</summary>
    private string InputKey(string location)
    {
        if (location.StartsWith(BundledLibrary.Prefix, StringComparison.Ordinal))
        {
            return location;
        }

        var relative = sources.DisplayPath(location);
        return relative.StartsWith("../", StringComparison.Ordinal) ? relative : "./" + relative;
    }

    /// <summary>Removes the result and stamp of every spec that is gone: the result first, so a kill in between leaves a stamp that the next pass finds.</summary>
    private int RemoveGone(IReadOnlyList<string> files)
    {
        var present = files.ToHashSet(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        var results = Directory.EnumerateFiles(output, "*.cost.json", options)
            .Select(f => Path.GetRelativePath(output, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.StartsWith('.') && !f.Contains("/.", StringComparison.Ordinal))
            .Select(f => f[..^".json".Length]);
        var removed = 0;
        var goneFiles = results.Concat(stamps.Files()).Where(f => !present.Contains(f)).Distinct(StringComparer.Ordinal).ToList();
        if (goneFiles.Count > 0)
        {
            // The old index lists them: it goes first, so that a kill from here on never leaves it naming a removed result.
            try
            {
                File.Delete(IndexPath);
                DiskSync.FlushFolder(output);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("cannot remove the old {Index}: {Message}", IndexPath, e.Message);
            }
        }

        foreach (var gone in goneFiles)
        {
            var result = gone + ".json";
            try
            {
                if (File.Exists(Path.Combine(output, result)))
                {
                    File.Delete(Path.Combine(output, result));
                    removed++;
                    logger.LogInformation("{File} is gone; removed {Result}", gone, result);
                }

                stamps.Delete(gone);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("{File} is gone but {Result} cannot be removed: {Message}", gone, result, e.Message);
            }
        }

        return removed;
    }

    /// <summary>After a whole pass, removes the input records no spec reached; a failure to remove one costs nothing but space.</summary>
    private void PruneInputs(InputGraph.Pass pass)
    {
        try
        {
            if (graph.Prune(pass.Live()) is > 0 and var pruned)
            {
                logger.LogDebug("removed {Count} input records no spec uses any more", pruned);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("cannot prune {Folder}: {Message}", graph.Folder, e.Message);
        }
    }

    /// <summary>The index of the results this pass vouched for, each checked to be on disk still; false when it cannot be written.</summary>
    private bool WriteIndex(IReadOnlyList<string> files, ConcurrentDictionary<string, BatchEntry> entries, bool complete, PassWrites writes)
    {
        var listed = files.Select(f => entries.TryGetValue(f, out var e) ? e : null).OfType<BatchEntry>()
            .Where(e => File.Exists(Path.Combine(output, e.Result)));
        try
        {
            writes.MakeDurable(output);

            // A pass that changed nothing leaves the index as it is: the same bytes, not written again and flushed.
            var text = BatchIndex.Write(listed, complete, identity);
            if (!SameText(IndexPath, text))
            {
                AtomicFile.Write(IndexPath, text);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError("cannot write {Index}: {Message}", IndexPath, e.Message);
            return false;
        }
    }

    /// <summary>Whether <paramref name="path"/> is a regular file holding exactly <paramref name="text"/> in UTF-8, as AtomicFile writes it.</summary>
    private static bool SameText(string path, string text)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.LinkTarget is not null || info.Length != Encoding.UTF8.GetByteCount(text))
            {
                return false;
            }

            return File.ReadAllBytes(path).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(text));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Everything besides the files that decides a result: a change to any of it makes every result
    /// stale. The settings and the engine build apart, so that a merge can say which of them differs.
    /// </summary>
    private static (string Settings, string Engine) SettingsStamp(CostDslOptions settings)
    {
        var limits = settings.Limits;
        var engine = typeof(CostEngine).Assembly.ManifestModule.ModuleVersionId;
        var host = typeof(BatchRunner).Assembly.ManifestModule.ModuleVersionId;
        var defaults = new EvaluationOptions();
        return ($"{BatchIndex.Schema};samples={settings.Samples};seed={settings.Seed};defaults={defaults.Samples}/{defaults.Seed};"
            + $"maxSourceBytes={limits.MaxSourceBytes};maxSamples={limits.MaxSamples};maxTime={limits.MaxEvaluationTime.Ticks};"
            + $"rules={string.Join('|', settings.RulesRoots.Select(Path.GetFullPath))}", $"engine={engine};host={host}");
    }
}
