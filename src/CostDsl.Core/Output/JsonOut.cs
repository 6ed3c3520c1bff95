using System.Globalization;
using Newtonsoft.Json;

namespace CostDsl.Output;

/// <summary>
/// The one way CostDsl writes JSON (results, diffs, gates, explain trees, validation reports, the batch index):
/// Newtonsoft's writer underneath, indented by two spaces, "\n" line ends and one after the document, invariant
/// culture, and numbers with 15 significant digits (<see cref="NumberFormat.Json"/>), so that the same result gives
/// the same bytes on every machine. Keys are written in the order the caller writes them: that order is the schema's.
/// </summary>
public sealed class JsonOut
{
    private readonly JsonWriter writer;

    private JsonOut(JsonWriter writer) => this.writer = writer;

    /// <summary>The document <paramref name="write"/> writes, with its trailing line end.</summary>
    public static string Write(Action<JsonOut> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, write);
        return text.ToString();
    }

    /// <summary>As <see cref="Write(Action{JsonOut})"/>, into <paramref name="into"/> (left open, its line end set to "\n"): for a large document written straight to its file.</summary>
    public static void Write(TextWriter into, Action<JsonOut> write)
    {
        into.NewLine = "\n";
        using (var writer = new JsonTextWriter(into) { Formatting = Formatting.Indented, Indentation = 2, FloatFormatHandling = FloatFormatHandling.String, CloseOutput = false })
        {
            write(new JsonOut(writer));
        }

        into.Write('\n');
    }

    /// <summary>Writes through <paramref name="writer"/>, in whatever formatting it has: for a caller that writes its own document (one-line records) with the same spellings.</summary>
    public static JsonOut Over(JsonWriter writer) => new(writer);

    /// <summary>An object: <paramref name="members"/> writes its properties.</summary>
    public JsonOut Object(Action members)
    {
        writer.WriteStartObject();
        members();
        writer.WriteEndObject();
        return this;
    }

    public JsonOut Object(string name, Action members)
    {
        writer.WritePropertyName(name);
        return Object(members);
    }

    /// <summary>An object whose properties <paramref name="members"/> writes from <paramref name="state"/>: a static lambda makes no closure (one per output).</summary>
    public JsonOut Object<TState>(string name, TState state, Action<JsonOut, TState> members)
    {
        writer.WritePropertyName(name);
        writer.WriteStartObject();
        members(this, state);
        writer.WriteEndObject();
        return this;
    }

    /// <summary>An array of <paramref name="items"/>, each written by <paramref name="item"/>.</summary>
    public JsonOut Array<T>(IEnumerable<T> items, Action<T> item)
    {
        writer.WriteStartArray();
        foreach (var each in items)
        {
            item(each);
        }

        writer.WriteEndArray();
        return this;
    }

    public JsonOut Array<T>(string name, IEnumerable<T> items, Action<T> item)
    {
        writer.WritePropertyName(name);
        return Array(items, item);
    }

    public JsonOut String(string name, string? value)
    {
        writer.WritePropertyName(name);
        return String(value);
    }

    public JsonOut String(string? value)
    {
        writer.WriteValue(value);
        return this;
    }

    /// <summary>A string property written only when there is a value.</summary>
    public JsonOut OptionalString(string name, string? value) => value is null ? this : String(name, value);

    public JsonOut Integer(string name, long value)
    {
        writer.WritePropertyName(name);
        return Integer(value);
    }

    public JsonOut Integer(long value)
    {
        writer.WriteValue(value);
        return this;
    }

    public JsonOut Boolean(string name, bool value)
    {
        writer.WritePropertyName(name);
        writer.WriteValue(value);
        return this;
    }

    /// <summary>A finite number with 15 significant digits (<see cref="NumberFormat.Json"/>).</summary>
    public JsonOut Number(string name, double value)
    {
        writer.WritePropertyName(name);
        return Number(value);
    }

    public JsonOut Number(double value)
    {
        writer.WriteRawValue(NumberFormat.Json(value));
        return this;
    }

    /// <summary>A number property written only when there is a value.</summary>
    public JsonOut OptionalNumber(string name, double? value) => value is { } number ? Number(name, number) : this;

    /// <summary>
    /// A measurement as Newtonsoft writes a double (the shortest text that reads back the same; null when absent).
    /// Only the validation report uses it: its figures were published that way, and its bytes stay as they were.
    /// </summary>
    public JsonOut RoundTrip(string name, double? value)
    {
        writer.WritePropertyName(name);
        writer.WriteValue(value);
        return this;
    }

    public JsonOut Null(string name)
    {
        writer.WritePropertyName(name);
        writer.WriteNull();
        return this;
    }
}
