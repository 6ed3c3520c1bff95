using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostDsl.Hosting;

/// <summary>
/// The hosted batch: a pass over the input folder, then (with Watch) a pass whenever the folder or a
/// rules root has changed and gone quiet. Without Watch it stops the host when the pass ends. The
/// host's stopping token (Ctrl-C, SIGTERM) cancels the pass; finished results and the index stay.
/// </summary>
internal sealed class BatchService(BatchRunner runner, IOptions<BatchOptions> batch, IOptions<CostDslOptions> settings, BatchOutcome outcome, IHostApplicationLifetime lifetime, ILogger<BatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var interrupted = false;
        string? failure = null;
        try
        {
            // Watching starts before the first pass, so an edit made during it is not missed.
            using var watcher = batch.Value.Watch ? new ChangeWatcher([runner.Input, .. settings.Value.RulesRoots.Select(Path.GetFullPath)], runner.Output) : null;
            outcome.PassDone(await runner.RunPassAsync(stoppingToken).ConfigureAwait(false));
            while (watcher is not null)
            {
                logger.LogInformation("watching {Input} for changes", runner.Input);
                await watcher.WaitAsync(batch.Value.Debounce, stoppingToken).ConfigureAwait(false);
                try
                {
                    outcome.PassDone(await runner.RunPassAsync(stoppingToken).ConfigureAwait(false));
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // A watching host outlives a bad pass (the input folder renamed away for a moment, a full disk): it says so and waits for the next change.
                    logger.LogError("pass failed: {Type}: {Message}; waiting for the next change", e.GetType().Name, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            interrupted = true;
            if (outcome.LastPass is null)
            {
                logger.LogWarning("stopped before the end; the results written are complete, and running the batch again finishes the rest");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            failure = e.Message;
            logger.LogError("batch failed: {Message}", e.Message);
        }
        finally
        {
            outcome.End(interrupted, failure);
            if (!batch.Value.Watch || failure is not null)
            {
                lifetime.StopApplication();
            }
        }
    }
}
