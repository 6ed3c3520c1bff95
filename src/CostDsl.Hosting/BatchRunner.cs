using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Semantics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostDsl.Hosting;

/// <summary>
/// One pass over the input folder: every .cost file gets OUT/&lt;path&gt;.json unless its recorded
/// fingerprint (its text, every import's text, the settings and the engine build) still holds, results
/// of deleted specs are removed, and OUT/index.json is rewritten, also when the pass is cancelled, so
/// a later pass finishes only the rest. Passes run one at a time; files within a pass run in parallel.
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
    private readonly string settingsStamp;
    private readonly ConcurrentDictionary<string, string?> bundledHashes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim onePass = new(1, 1);
    private ConcurrentDictionary<string, BatchEntry>? entries;

    public BatchRunner(ICostEvaluator evaluator, IOptions<CostDslOptions> settings, IOptions<BatchOptions> batch, IBatchProgress progress, ILogger<BatchRunner> logger)
    {
        this.evaluator = evaluator;
        this.settings = settings.Value;
        this.progress = progress;
        this.logger = logger;
        input = Path.TrimEndingDirectorySeparator(Path.GetFullPath(batch.Value.Input));
        output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(batch.Value.Output));
        sources = new ConfinedSources(input, this.settings.RulesRoots, this.settings.Limits.MaxSourceBytes);
        settingsStamp = SettingsStamp(this.settings);
    }

    public string Input => input;

    public string Output => output;

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
        entries ??= new ConcurrentDictionary<string, BatchEntry>(BatchIndex.Read(IndexPath).Select(e => KeyValuePair.Create(e.File, e)), StringComparer.Ordinal);

        var files = SpecFinder.Find(input, output);
        var removed = RemoveGone(files);
        int done = 0, evaluated = 0, skipped = 0, failed = 0;
        var complete = false;
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellation };
            await Parallel.ForEachAsync(files, parallel, async (file, token) =>
            {
                var (entry, fresh) = await ProcessAsync(file, token).ConfigureAwait(false);
                Interlocked.Increment(ref fresh ? ref evaluated : ref skipped);
                if (entry is null || entry.Failed)
                {
                    Interlocked.Increment(ref failed);
                }

                progress.Report(new BatchProgress(Interlocked.Increment(ref done), files.Count, Volatile.Read(ref failed), Volatile.Read(ref skipped)));
            }).ConfigureAwait(false);
            complete = true;
        }
        finally
        {
            // Also on cancellation: the index then lists exactly the complete results, and the next pass skips them.
            WriteIndex(complete);
            progress.Finish(new BatchProgress(done, files.Count, failed, skipped));
        }

        var summary = new BatchPassSummary(files.Count, evaluated, skipped, failed, removed, clock.Elapsed);
        logger.LogInformation(
            "{Files} files: {Evaluated} evaluated, {Skipped} up to date, {Failed} with errors or failed asserts, {Removed} removed, in {Seconds:0.00} s; results in {Output}",
            summary.Files, summary.Evaluated, summary.Skipped, summary.Failed, summary.Removed, summary.Elapsed.TotalSeconds, output);
        return summary;
    }

    private string IndexPath => Path.Combine(output, BatchIndex.FileName);

    private async Task<(BatchEntry? Entry, bool Fresh)> ProcessAsync(string file, CancellationToken cancellation)
    {
        if (entries!.TryGetValue(file, out var known) && IsUpToDate(known))
        {
            return (known, false);
        }

        var result = await evaluator.EvaluateAsync(SpecSource.FromFile(Path.Combine(input, file), input), null, cancellation).ConfigureAwait(false);
        var resultPath = file + ".json";
        try
        {
            // Not cancellable: once evaluated, a result is written whole, so that it is never lost or torn.
            AtomicFile.Write(Path.Combine(output, resultPath), evaluator.ToJson(result));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError("{File}: cannot write {Result}: {Message}", file, resultPath, e.Message);
            entries.TryRemove(file, out _);
            return (null, true);
        }

        var inputs = result.Inputs.Select(i => InputKey(i.Location)).ToArray();
        var fingerprint = result.TimedOut ? null : Fingerprint(inputs, result.Inputs.Select(i => i.Sha256));
        var status = result.Run.Diagnostics.Any(d => d.Severity == Severity.Error && d.Code != Codes.AssertFailed) ? BatchEntry.Error
            : result.ExitCode != 0 ? BatchEntry.AssertFailed
            : BatchEntry.Ok;
        var entry = new BatchEntry(file, resultPath, status, result.Run.Evaluation?.Outputs.Count ?? 0, result.Run.Diagnostics.Count, fingerprint, inputs);
        entries[file] = entry;
        logger.LogDebug("{File}: {Status}, {Outputs} outputs, {Diagnostics} diagnostics", file, status, entry.Outputs, entry.Diagnostics);
        return (entry, true);
    }

    /// <summary>Whether a recorded result still holds: its file exists and every input reads the same as when it was made.</summary>
    private bool IsUpToDate(BatchEntry entry)
    {
        if (entry.Fingerprint is null || entry.Inputs.Count == 0 || !File.Exists(Path.Combine(output, entry.Result)))
        {
            return false;
        }

        var hashes = new List<string>(entry.Inputs.Count);
        foreach (var key in entry.Inputs)
        {
            if (CurrentHash(key) is not { } hash)
            {
                return false;
            }

            hashes.Add(hash);
        }

        return string.Equals(Fingerprint(entry.Inputs, hashes), entry.Fingerprint, StringComparison.Ordinal);
    }

    private string? CurrentHash(string key)
    {
        if (!key.StartsWith('.'))
        {
            return bundledHashes.GetOrAdd(key, k => BundledLibrary.Read(k) is { } text ? RecordingSources.Hash(text) : null);
        }

        var location = Path.GetFullPath(Path.Combine(input, key));
        var read = sources.Open(location, sources.DisplayPath(location), key);
        return read.File is { } file ? RecordingSources.Hash(file.Text) : null;
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

    private string Fingerprint(IEnumerable<string> keys, IEnumerable<string> hashes)
    {
        var text = new StringBuilder(settingsStamp).Append('\n');
        foreach (var (key, hash) in keys.Zip(hashes))
        {
            text.Append(key).Append(' ').Append(hash).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private int RemoveGone(IReadOnlyList<string> files)
    {
        var present = files.ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var gone in entries!.Keys.Where(f => !present.Contains(f)).ToList())
        {
            if (entries.TryRemove(gone, out var entry))
            {
                var path = Path.GetFullPath(Path.Combine(output, entry.Result));

                // The index is a file on disk; never let it name something outside the output folder.
                if (path.StartsWith(output + Path.DirectorySeparatorChar, StringComparison.Ordinal) && path.EndsWith(".cost.json", StringComparison.Ordinal))
                {
                    try
                    {
                        File.Delete(path);
                        removed++;
                        logger.LogInformation("{File} is gone; removed {Result}", gone, entry.Result);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        logger.LogWarning("{File} is gone but {Result} cannot be removed: {Message}", gone, entry.Result, e.Message);
                    }
                }
            }
        }

        return removed;
    }

    private void WriteIndex(bool complete)
    {
        try
        {
            AtomicFile.Write(IndexPath, BatchIndex.Write(entries!.Values, complete));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError("cannot write {Index}: {Message}", IndexPath, e.Message);
        }
    }

    /// <summary>Everything besides the files that decides a result: a change to any of it makes every result stale.</summary>
    private static string SettingsStamp(CostDslOptions settings)
    {
        var limits = settings.Limits;
        var engine = typeof(CostEngine).Assembly.ManifestModule.ModuleVersionId;
        var host = typeof(BatchRunner).Assembly.ManifestModule.ModuleVersionId;
        var defaults = new EvaluationOptions();
        return $"{BatchIndex.Schema};samples={settings.Samples};seed={settings.Seed};defaults={defaults.Samples}/{defaults.Seed};"
            + $"maxSourceBytes={limits.MaxSourceBytes};maxSamples={limits.MaxSamples};maxTime={limits.MaxEvaluationTime.Ticks};"
            + $"rules={string.Join('|', settings.RulesRoots.Select(Path.GetFullPath))};engine={engine};host={host}";
    }
}
