using System.Text;
using CostDsl.Output;
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

    public static string Write(IEnumerable<BatchEntry> entries, bool complete, BatchIdentity identity) =>
        JsonOut.Write(json => Write(json, entries, complete, identity));

    /// <summary>As <see cref="Write(IEnumerable{BatchEntry}, bool, BatchIdentity)"/>, into <paramref name="into"/>.</summary>
    public static void Write(TextWriter into, IEnumerable<BatchEntry> entries, bool complete, BatchIdentity identity) =>
        JsonOut.Write(into, json => Write(json, entries, complete, identity));

    private static void Write(JsonOut json, IEnumerable<BatchEntry> entries, bool complete, BatchIdentity identity)
    {
        var sorted = entries.OrderBy(e => e.File, StringComparer.Ordinal).ToList();
        json.Object(() => json
            .String("schema", Schema)
            .Boolean("complete", complete)
            .String("settings", identity.Settings)
            .String("engine", identity.Engine)

            // Only a part names itself: the merge of all parts is byte for byte the unsharded index.
            .OptionalString("shard", identity.Shard.IsWhole ? null : identity.Shard.ToString())
            .Object("totals", () =>
            {
                json.Integer("files", sorted.Count);
                foreach (var status in new[] { BatchEntry.Ok, BatchEntry.Error, BatchEntry.AssertFailed })
                {
                    json.Integer(status, sorted.Count(e => e.Status == status));
                }
            })
            .Array("files", sorted, entry => json.Object(() => entry.Write(json, stamp: false))));
    }

    /// <summary>What an index says, as <c>costdsl merge</c> reads a part's: each header field as written (null when absent or not of its kind) and the entries.</summary>
    internal sealed record Contents(string? Schema, bool? Complete, string? Settings, string? Engine, string? Shard, IReadOnlyList<BatchEntry> Files);

    /// <summary>
    /// Reads an index from its UTF-8 bytes in one pass, decoding as it goes, without building its tree or its
    /// whole text (a part of 2,500 specs is 600 KB of JSON). Text that is not JSON throws <see cref="JsonException"/>;
    /// an index without a list of entries, or an entry that is not an object, <see cref="FormatException"/>.
    /// </summary>
    internal static Contents Read(ArraySegment<byte> utf8)
    {
        using var text = new StreamReader(new MemoryStream(utf8.Array!, utf8.Offset, utf8.Count, writable: false), Encoding.UTF8);
        using var json = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None, PropertyNameTable = FieldNames() };
        if (!json.Read() || json.TokenType != JsonToken.StartObject)
        {
            throw new FormatException("it is not a JSON object");
        }

        string? schema = null, settings = null, engine = null, shard = null;
        bool? complete = null;
        List<BatchEntry>? files = null;
        while (json.Read() && json.TokenType == JsonToken.PropertyName)
        {
            switch ((string)json.Value!)
            {
                case "schema": schema = JsonFields.Text(json); break;
                case "complete": complete = JsonFields.Flag(json); break;
                case "settings": settings = JsonFields.Text(json); break;
                case "engine": engine = JsonFields.Text(json); break;
                case "shard": shard = JsonFields.Text(json); break;
                case "files": files = ReadFiles(json); break;
                default: JsonFields.Skip(json); break;
            }
        }

        // The reader stops quietly at the end of the bytes: a torn or padded copy is refused here, as a parse of the whole text would.
        if (json.TokenType != JsonToken.EndObject)
        {
            throw new FormatException("it ends before its object does");
        }

        if (json.Read())
        {
            throw new FormatException("text follows its object");
        }

        // An index without its list would read as a part with no specs, and a merge would drop that part's results unsaid.
        return new Contents(schema, complete, settings, engine, shard, files ?? throw new FormatException("it has no list of \"files\""));
    }

    /// <summary>The names an index's fields have: the reader hands out these strings instead of making one per field of every entry.</summary>
    private static DefaultJsonNameTable FieldNames()
    {
        var names = new DefaultJsonNameTable();
        foreach (var name in (string[])["schema", "complete", "settings", "engine", "shard", "totals", "files", "file", "result", "status", "outputs", "diagnostics", "fingerprint"])
        {
            names.Add(name);
        }

        return names;
    }

    private static List<BatchEntry> ReadFiles(JsonReader json)
    {
        if (!json.Read() || json.TokenType != JsonToken.StartArray)
        {
            throw new FormatException("its \"files\" are not a list");
        }

        var files = new List<BatchEntry>();
        while (json.Read() && json.TokenType != JsonToken.EndArray)
        {
            files.Add(BatchEntry.Read(json));
        }

        return json.TokenType == JsonToken.EndArray ? files : throw new FormatException("its list of \"files\" ends before it is closed");
    }
}
