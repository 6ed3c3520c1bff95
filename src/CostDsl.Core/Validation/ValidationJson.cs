using Newtonsoft.Json;

namespace CostDsl.Validation;

/// <summary>
/// The validate report as JSON: <c>{"summary": {...}, "cases": [{"id", "metric", "measured", "predicted", "p5", "p95", "error"}]}</c>.
/// A figure not estimated has null predictions and error and a "reason". APEs and coverage are fractions.
/// </summary>
public static class ValidationJson
{
    public static string Render(ValidationReport report)
    {
        using var text = new StringWriter { NewLine = "\n" };
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.Indented, FloatFormatHandling = FloatFormatHandling.String })
        {
            json.WriteStartObject();
            json.WritePropertyName("summary");
            WriteSummary(json, report.Summary);
            json.WritePropertyName("cases");
            json.WriteStartArray();
            foreach (var row in report.Rows)
            {
                var e = row.Estimate;
                json.WriteStartObject();
                json.WritePropertyName("id");
                json.WriteValue(row.CaseId);
                json.WritePropertyName("metric");
                json.WriteValue(e.Metric);
                json.WritePropertyName("measured");
                json.WriteValue(e.Measured);
                json.WritePropertyName("predicted");
                json.WriteValue(e.Prediction?.Median);
                json.WritePropertyName("p5");
                json.WriteValue(e.Prediction?.P5);
                json.WritePropertyName("p95");
                json.WriteValue(e.Prediction?.P95);
                json.WritePropertyName("error");
                json.WriteValue(e.Error);
                if (e.Reason is { } reason)
                {
                    json.WritePropertyName("reason");
                    json.WriteValue(reason);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return text + "\n";
    }

    private static void WriteSummary(JsonWriter json, ValidationSummary s)
    {
        json.WriteStartObject();
        json.WritePropertyName("cases");
        json.WriteValue(s.Cases);
        json.WritePropertyName("estimated");
        json.WriteValue(s.Estimated);
        json.WritePropertyName("median_ape");
        json.WriteValue(s.MedianApe);
        json.WritePropertyName("mean_ape");
        json.WriteValue(s.MeanApe);
        json.WritePropertyName("worst_ape");
        json.WriteValue(s.WorstApe);
        json.WritePropertyName("coverage90");
        json.WriteValue(s.Coverage90);
        json.WriteEndObject();
    }
}
