using System.Globalization;
using CostDsl.Semantics;

namespace CostDsl.Runtime;

/// <summary>
/// The size of a sweep grid and the two ways it is refused, in one place for both evaluators of a grid:
/// one session's numeric grid and <see cref="BlockGrid"/>'s block points, so the count and the messages
/// are the same whichever evaluates a spec.
/// </summary>
internal static class GridSize
{
    /// <summary>
    /// The product of the sweeps' sizes. It saturates past <see cref="EvaluationSession.MaxValues"/>: 63 sweeps
    /// of two values would overflow a long (and once gave no points at all).
    /// </summary>
    public static long Points(IEnumerable<CheckedSweep> sweeps) =>
        sweeps.Aggregate(1L, (n, sweep) => n > EvaluationSession.MaxValues ? n : n * sweep.Count);

    /// <summary>Why <paramref name="points"/> x <paramref name="samples"/> cannot be one vector, or null when it can.</summary>
    public static string? TooLarge(long points, int samples) =>
        points <= EvaluationSession.MaxValues / samples
            ? null
            : $"{(points > EvaluationSession.MaxValues ? $"more than {EvaluationSession.MaxValues}" : points.ToString(CultureInfo.InvariantCulture))} sweep points x {samples} samples is more than {EvaluationSession.MaxValues} values; use fewer samples or fewer points";

    /// <summary>Why <paramref name="part"/> would be empty on a grid of <paramref name="points"/>, or null when it is not.</summary>
    public static string? TooFewPoints(GridPart part, long points) =>
        part.Count > points
            ? $"--shard {part.Index}/{part.Count}: the sweep grid has {points} point{(points == 1 ? string.Empty : "s")}, fewer than the {part.Count} parts"
            : null;
}
