using Newtonsoft.Json;

namespace CostDsl.Hosting;

/// <summary>
/// A field's value read from a JSON stream positioned at the field's name, when it is of the kind the
/// batch writes there; any other value (an object, a number for a string) is skipped whole and reads
/// as null or zero, so a damaged record fails its reader's checks instead of being trusted.
/// </summary>
internal static class JsonFields
{
    public static string? Text(JsonReader json) => Next(json, JsonToken.String) ? (string)json.Value! : null;

    public static bool? Flag(JsonReader json) => Next(json, JsonToken.Boolean) ? (bool)json.Value! : null;

    /// <summary>A count: a whole number from 0 to <see cref="int.MaxValue"/>; anything else reads as 0.</summary>
    public static int Count(JsonReader json) =>
        Next(json, JsonToken.Integer) && json.Value is long count and >= 0 and <= int.MaxValue ? (int)count : 0;

    /// <summary>The strings of an array; its other items are skipped.</summary>
    public static void Strings(JsonReader json, List<string> into)
    {
        if (!Next(json, JsonToken.StartArray))
        {
            return;
        }

        while (json.Read() && json.TokenType != JsonToken.EndArray)
        {
            if (json.TokenType == JsonToken.String)
            {
                into.Add((string)json.Value!);
            }
            else
            {
                json.Skip();
            }
        }
    }

    /// <summary>Skips an unknown field's value.</summary>
    public static void Skip(JsonReader json)
    {
        json.Read();
        json.Skip();
    }

    /// <summary>Reads the value; true when it is of <paramref name="kind"/>, else skips it whole (an array or object with all it holds).</summary>
    private static bool Next(JsonReader json, JsonToken kind)
    {
        if (!json.Read())
        {
            return false;
        }

        if (json.TokenType == kind)
        {
            return true;
        }

        json.Skip();
        return false;
    }
}
