using System.Globalization;
using System.Text;
using CostDsl.Output;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CostDsl.Hosting;

/// <summary>
/// A folder of small JSON records of one kind under OUT/.costdsl: each a one-line object that starts
/// with its schema, written atomically, and read back only when it names that schema. The stamps of
/// results and the records of inputs are two such kinds; what a record means, and whether it is still
/// true, is theirs to decide. Any record may be missing, torn or foreign: reading it then gives null,
/// which costs the caller a re-evaluation and never a stale result.
/// </summary>
internal sealed class RecordStore(string folder, string schema)
{
    public string Folder => folder;

    public string Schema => schema;

    /// <summary>The record at <paramref name="path"/> when it exists and is of this store's schema; null otherwise.</summary>
    public JObject? Read(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            // The bytes in one read of the file's size, then the text: ReadAllText's reader and its growing
            // buffers were a fifth of a no-op pass over 3,000 records (their allocations, cleared, mostly).
            // Strings stay strings: Newtonsoft's default turns a value that looks like a date into a DateTime.
            using var json = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(File.ReadAllBytes(path)))) { DateParseHandling = DateParseHandling.None };
            var record = JObject.Load(json);

            // Anything after the object (as JObject.Parse would refuse) means the record is not one this batch wrote.
            return !json.Read() && (string?)record["schema"] == schema ? record : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidCastException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes one record atomically: the schema, then the fields <paramref name="fields"/> writes, on one
    /// line; not flushed on its own, but with the rest of the pass's <paramref name="writes"/>.
    /// </summary>
    public void Write(string path, Action<JsonOut> fields, PassWrites writes)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
        {
            var json = JsonOut.Over(writer);
            json.Object(() => fields(json.String("schema", schema)));
        }

        writes.Write(path, text + "\n");
    }

    /// <summary>The records' paths matching <paramref name="pattern"/>, in every subfolder; none when the folder does not exist yet.</summary>
    public IEnumerable<string> Paths(string pattern)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        return Directory.EnumerateFiles(folder, pattern, options);
    }

    public static string[] Strings(JObject record, string name) =>
        (record[name] as JArray)?.Select(i => (string?)i).OfType<string>().ToArray() ?? [];
}
