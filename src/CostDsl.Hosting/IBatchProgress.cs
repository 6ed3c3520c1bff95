namespace CostDsl.Hosting;

/// <summary>Told as a pass advances; the command line draws a progress line with it. Called from many threads.</summary>
public interface IBatchProgress
{
    void Report(BatchProgress progress);

    void Finish(BatchProgress progress);
}
