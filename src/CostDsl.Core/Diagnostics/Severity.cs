namespace CostDsl.Diagnostics;

public enum Severity
{
    Error,
    Warning,
}
