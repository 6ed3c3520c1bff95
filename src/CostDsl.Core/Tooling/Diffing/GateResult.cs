namespace CostDsl.Tooling.Diffing;

/// <summary>How one assert came out on each side: true passed, false failed, null absent from that side.</summary>
public sealed record AssertChange(string File, int Line, string Message, bool? Old, bool? New)
{
    /// <summary>The headline of a review: it passed before and fails now.</summary>
    public bool NowFails => Old == true && New == false;

    /// <summary>A failure the change brought: it fails now and did not fail before (it passed, or was not there).</summary>
    public bool IsNewFailure => New == false && Old != false;

    public string Transition => $"{Outcome(Old)} -> {Outcome(New)}";

    private static string Outcome(bool? passed) => passed switch
    {
        true => "pass",
        false => "fail",
        null => "absent",
    };
}

/// <summary>A <c>--fail-on</c> condition that holds, and the change that made it hold (<c>budget +12.5%</c>).</summary>
public sealed record TrippedCondition(GateCondition Condition, string Reason);

/// <summary>
/// What the diff gate found: the asserts whose outcome changed, the conditions that hold, whether a side has errors, or
/// <see cref="Problem"/> when a condition cannot be checked (a unit or output that does not exist): a usage error.
/// </summary>
public sealed record GateResult(IReadOnlyList<AssertChange> Asserts, IReadOnlyList<GateCondition> Conditions, IReadOnlyList<TrippedCondition> Tripped, string? Problem)
{
    /// <summary>Either version reported an error (in checking or evaluating): what the gate did not see may have changed, so it fails.</summary>
    public bool SideHasErrors { get; init; }

    public bool Failed => Tripped.Count > 0 || SideHasErrors;
}
