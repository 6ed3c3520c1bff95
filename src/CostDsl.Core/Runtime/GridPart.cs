namespace CostDsl.Runtime;

/// <summary>
/// Part <see cref="Index"/> of <see cref="Count"/> of a sweep grid (<c>eval --shard K/N</c>): a
/// contiguous run of points in grid order, so that the parts' point lists, joined in the order of K,
/// are the grid's. Contiguous rather than strided because every point costs the same (the grid is
/// evaluated as one vector) and because it keeps each part's points and failing points in grid order
/// with nothing to interleave. <see cref="Settings"/> identifies what else decided the values
/// (samples, seed, overrides, engine build), so that a merge can refuse parts that differ.
/// </summary>
public sealed record GridPart(int Index, int Count, string Settings = "")
{
    public static readonly GridPart Whole = new(0, 1);

    public bool IsWhole => Count == 1;

    /// <summary>The first point and the number of points of this part of a grid of <paramref name="points"/>; the counts differ by at most one.</summary>
    public (int First, int Count) Window(int points)
    {
        var first = (int)((long)Index * points / Count);
        var end = (int)((long)(Index + 1) * points / Count);
        return (first, end - first);
    }
}
