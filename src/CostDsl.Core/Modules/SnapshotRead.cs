namespace CostDsl.Modules;

/// <summary>What reading one file gave, before any message names it: its text, or why there is none (<see cref="ReadSnapshot"/>).</summary>
internal sealed record SnapshotRead(string? Text, SnapshotFailure Failure, string? Error = null)
{
    public static SnapshotRead Of(SnapshotFailure failure, string? error = null) => new(null, failure, error);
}

/// <summary>Why a read gave no text; <see cref="ConfinedSources"/> turns each into its diagnostic.</summary>
internal enum SnapshotFailure
{
    None,
    NotFound,
    NotRegular,
    TooLarge,
    Unreadable,
}
