using CostDsl.Diagnostics;
using CostDsl.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CostDsl.Catalog;

/// <summary>
/// Reads the keys of one config.json object for an importer, turning every absent or malformed key into a
/// CD0603 diagnostic that names it, at the place in the file the object (or the bad value) stands.
/// </summary>
internal sealed class ConfigFields(JObject json, SourceFile file, string modelType, DiagnosticBag diagnostics)
{
    public string ModelType { get; } = modelType;

    /// <summary>A whole number the shape cannot do without.</summary>
    public long Int(string key)
    {
        if (OptionalInt(key) is { } value)
        {
            return value;
        }

        Missing(key);
        return 0;
    }

    /// <summary>The first of several spellings a config may use (GPT-J's n_embd, Falcon's n_head).</summary>
    public long FirstInt(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (OptionalInt(key) is { } value)
            {
                return value;
            }
        }

        Missing(string.Join("\" or \"", keys));
        return 0;
    }

    /// <summary>A whole number that may be absent or null.</summary>
    public long? OptionalInt(string key)
    {
        var token = json[key];
        if (token is null || token.Type == JTokenType.Null)
        {
            return null;
        }

        if (token.Type == JTokenType.Integer || (token.Type == JTokenType.Float && token.Value<double>() is var d && d == Math.Floor(d) && d > 0))
        {
            var value = token.Value<long>();
            if (value >= 0)
            {
                return value;
            }
        }

        diagnostics.Error(Codes.ConfigFieldMissing, SpanOf(token), $"\"{key}\" must be a whole number of at least 0 for a {ModelType} model, not {token.ToString(Formatting.None)}");
        return null;
    }

    public bool Bool(string key, bool fallback)
    {
        var token = json[key];
        if (token is null || token.Type == JTokenType.Null)
        {
            return fallback;
        }

        if (token.Type == JTokenType.Boolean)
        {
            return token.Value<bool>();
        }

        diagnostics.Error(Codes.ConfigFieldMissing, SpanOf(token), $"\"{key}\" must be true or false, not {token.ToString(Formatting.None)}");
        return fallback;
    }

    public string? String(string key) => json[key] is { Type: JTokenType.String } token ? token.Value<string>() : null;

    /// <summary>How many entries of a string list (Gemma 3's and gpt-oss's layer_types) equal a value; null when the list is absent.</summary>
    public long? CountInList(string key, string value) =>
        json[key] is JArray list ? list.Count(t => t.Type == JTokenType.String && t.Value<string>() == value) : null;

    /// <summary>A nested object (the text_config of a multimodal config), read with the same file and diagnostics.</summary>
    public ConfigFields? Nested(string key) =>
        json[key] is JObject inner ? new ConfigFields(inner, file, ModelType, diagnostics) : null;

    /// <summary>Reports a key whose value the shape cannot represent.</summary>
    public void Unsupported(string key, string why) =>
        diagnostics.Error(Codes.ConfigFieldMissing, SpanOf(json[key] ?? json), $"\"{key}\": {why}");

    private void Missing(string key) =>
        diagnostics.Error(Codes.ConfigFieldMissing, SpanOf(json), $"a {ModelType} config.json needs \"{key}\", and this one has none");

    public static SourceSpan SpanOf(JToken token, SourceFile file)
    {
        var info = (IJsonLineInfo)token;
        if (!info.HasLineInfo())
        {
            return file.Span(0, 0);
        }

        // Newtonsoft gives 1-based lines and the position just after the token's first character.
        var offset = 0;
        for (var line = 1; line < info.LineNumber && offset < file.Text.Length; line++)
        {
            var next = file.Text.IndexOf('\n', offset);
            offset = next < 0 ? file.Text.Length : next + 1;
        }

        offset = Math.Clamp(offset + Math.Max(info.LinePosition - 1, 0), 0, file.Text.Length);
        return file.Span(offset, 0);
    }

    private SourceSpan SpanOf(JToken token) => SpanOf(token, file);
}
