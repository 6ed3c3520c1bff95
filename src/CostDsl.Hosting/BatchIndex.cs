using System.Globalization;
using Newtonsoft.Json;

namespace CostDsl.Hosting;

/// <summary>
/// OUT/index.json (schema costdsl-batch/3): every result in the output folder, sorted by file, with no
/// times or machine names in it, so that the same inputs give the same bytes. It names the settings
/// and the engine build the results were made with, and the shard when the batch was one part of
/// several, so that <c>costdsl merge</c> can refuse parts that do not belong together.
/// </summary>
public static class BatchIndex
{
    public const string Schema = "costdsl-batch/3";
    public const string FileName = "index.json";

    public static string Write(IEnumerable<BatchEntry> entries, bool complete, BatchIdentity identity)
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
            writer.WritePropertyName("settings");
            writer.WriteValue(identity.Settings);
            writer.WritePropertyName("engine");
            writer.WriteValue(identity.Engine);
            if (!identity.Shard.IsWhole)
            {
                // Only a part names itself: the merge of all parts is byte for byte the unsharded index.
                writer.WritePropertyName("shard");
                writer.WriteValue(identity.Shard.ToString());
            }

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
