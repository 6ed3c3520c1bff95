namespace CostDsl.Hosting;

/// <summary>For hosts without a terminal: the log says enough.</summary>
internal sealed class NoProgress : IBatchProgress
{
    public void Report(BatchProgress progress)
    {
    }

    public void Finish(BatchProgress progress)
    {
    }
}
