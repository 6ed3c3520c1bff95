using CostDsl.Diagnostics;
using CostDsl.Text;

namespace CostDsl.Modules;

/// <summary>
/// What <see cref="ConfinedSources.Open"/> found: a file, or the code and message of the refusal, so
/// that a host can report a root file it may not read with the same codes as an import.
/// </summary>
public sealed record ConfinedRead(SourceFile? File, DiagnosticCode? Code, string? Error)
{
    public static ConfinedRead Found(SourceFile file) => new(file, null, null);

    public static ConfinedRead Refused(DiagnosticCode code, string error) => new(null, code, error);
}
