using System.Globalization;
using Newtonsoft.Json;

namespace CostDsl.Hosting;

/// <summary>
/// OUT/index.json (schema costdsl-batch/1): every result in the output folder, sorted by file, with no
/// times or machine names in it, so that the same inputs give the same bytes.
/// </summary>
public static class BatchIndex
{
    public const string Schema = "costdsl-batch/1";
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

    /// <summary>The entries of an index written before; none when it is missing or unreadable, which only costs a re-evaluation.</summary>
    public static IReadOnlyList<BatchEntry> Read(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return [];
            }

            using var text = new StringReader(File.ReadAllText(path));
            using var reader = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None };
            return ReadFiles(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidCastException or FormatException or ArgumentException or OverflowException)
        {
            return [];
        }
    }

    // A forward-only reader rather than JObject: the JToken types drag Newtonsoft's dynamic and
    // IConvertible paths (reflection, RequiresDynamicCode) into a Native AOT build of the tool.
    private static List<BatchEntry> ReadFiles(JsonTextReader reader)
    {
        var entries = new List<BatchEntry>();
        if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
        {
            return entries;
        }

        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string?)reader.Value;
            reader.Read();
            if (name == "files" && reader.TokenType == JsonToken.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonToken.EndArray)
                {
                    if (reader.TokenType == JsonToken.StartObject && ReadEntry(reader) is { } entry)
                    {
                        entries.Add(entry);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return entries;
    }

    /// <summary>Reads one object of the files list, the reader on its start; null when a required field is missing.</summary>
    private static BatchEntry? ReadEntry(JsonTextReader reader)
    {
        string? file = null, result = null, status = null, fingerprint = null;
        int outputs = 0, diagnostics = 0;
        var inputs = new List<string>();
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string?)reader.Value;
            reader.Read();
            switch (name)
            {
                case "file": file = reader.Value as string; break;
                case "result": result = reader.Value as string; break;
                case "status": status = reader.Value as string; break;
                case "fingerprint": fingerprint = reader.Value as string; break;
                case "outputs": outputs = reader.Value is long o ? checked((int)o) : 0; break;
                case "diagnostics": diagnostics = reader.Value is long d ? checked((int)d) : 0; break;
                case "inputs" when reader.TokenType == JsonToken.StartArray:
                    while (reader.Read() && reader.TokenType != JsonToken.EndArray)
                    {
                        if (reader.Value is string input)
                        {
                            inputs.Add(input);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    break;
                default: reader.Skip(); break;
            }
        }

        return file is null || result is null || status is null ? null : new BatchEntry(file, result, status, outputs, diagnostics, fingerprint, inputs);
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
        writer.WritePropertyName("inputs");
        writer.WriteStartArray();
        foreach (var input in entry.Inputs)
        {
            writer.WriteValue(input);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
