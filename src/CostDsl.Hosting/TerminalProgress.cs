using System.Diagnostics;

namespace CostDsl.Hosting;

/// <summary>One line, redrawn in place at most ten times a second, for a person watching a terminal.</summary>
public sealed class TerminalProgress(TextWriter terminal) : IBatchProgress
{
    private static readonly long Interval = Stopwatch.Frequency / 10;

    private readonly Lock gate = new();
    private long lastDrawn = long.MinValue;

    public void Report(BatchProgress progress)
    {
        var now = Stopwatch.GetTimestamp();
        lock (gate)
        {
            if (now - lastDrawn < Interval)
            {
                return;
            }

            lastDrawn = now;
            Draw(progress);
        }
    }

    public void Finish(BatchProgress progress)
    {
        lock (gate)
        {
            Draw(progress);
            terminal.WriteLine();
            terminal.Flush();
            lastDrawn = long.MinValue;
        }
    }

    private void Draw(BatchProgress p)
    {
        var percent = p.Total == 0 ? 100 : p.Done * 100 / p.Total;
        terminal.Write($"\rcostdsl batch: {p.Done}/{p.Total} files ({percent}%), {p.Failed} failed, {p.Skipped} up to date   ");
        terminal.Flush();
    }
}
