using System.Globalization;
using Newtonsoft.Json;

namespace CostDsl.Hosting;

/// <summary>
/// OUT/index.json (schema costdsl-batch/2): every result in the output folder, sorted by file, with no
/// times or machine names in it, so that the same inputs give the same bytes.
/// </summary>
public static class BatchIndex
{
    public const string Schema = "costdsl-batch/2";
    public const string FileName = "index.json";

    public static string Write(IEnumerable<BatchEntry> entries, bool complete)
    {
        var sorted = entries.OrderBy(e => e.File, StringComparer.Ordinal).ToList();
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2 })
        {
            writer.WriteStartObject();
            writer.WritePropertyName("schema");
            writer.WriteValue(Schema);
            writer.WritePropertyName("complete");
            writer.WriteValue(complete);
            writer.WritePropertyName("totals");
            writer.WriteStartObject();
            writer.WritePropertyName("files");
            writer.WriteValue(sorted.Count);
            foreach (var status in new[] { BatchEntry.Ok, BatchEntry.Error, BatchEntry.AssertFailed })
            {
                writer.WritePropertyName(status);
                writer.WriteValue(sorted.Count(e => e.Status == status));
            }

            writer.WriteEndObject();
            writer.WritePropertyName("files");
            writer.WriteStartArray();
            foreach (var entry in sorted)
            {
                WriteEntry(writer, entry);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void WriteEntry(JsonTextWriter writer, BatchEntry entry)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("file");
        writer.WriteValue(entry.File);
        writer.WritePropertyName("result");
        writer.WriteValue(entry.Result);
        writer.WritePropertyName("status");
        writer.WriteValue(entry.Status);
        writer.WritePropertyName("outputs");
        writer.WriteValue(entry.Outputs);
        writer.WritePropertyName("diagnostics");
        writer.WriteValue(entry.Diagnostics);
        writer.WritePropertyName("fingerprint");
        writer.WriteValue(entry.Fingerprint);
        writer.WriteEndObject();
    }
}
