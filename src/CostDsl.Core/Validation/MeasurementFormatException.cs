namespace CostDsl.Validation;

/// <summary>A measurements file that does not follow cost-measurements/1: the message names the file and the JSON path.</summary>
public sealed class MeasurementFormatException(string file, string jsonPath, string problem)
    : Exception($"{file}: {(jsonPath.Length == 0 ? "(top level)" : jsonPath)}: {problem}")
{
    public string File { get; } = file;

    public string JsonPath { get; } = jsonPath;

    public string Problem { get; } = problem;
}
