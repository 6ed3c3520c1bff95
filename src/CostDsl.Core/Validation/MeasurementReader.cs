using System.Collections.Frozen;
using System.Collections.Immutable;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CostDsl.Validation;

/// <summary>
/// Reads cost-measurements/1 files (grammar/measurements.md) strictly: every key the format names must
/// be there with its type, null only where the format allows it, no other keys (but <c>derived</c>);
/// unknown flags are kept (a reader treats them as warnings). Any deviation is a
/// <see cref="MeasurementFormatException"/> naming the file and the JSON path.
/// </summary>
public static class MeasurementReader
{
    public const string Format = "cost-measurements/1";

    private static readonly FrozenSet<string> CommonKeys = Set("id", "kind", "group", "source", "quote", "notes", "flags", "model", "hardware", "gpus", "parallel", "measured");

    private static readonly FrozenSet<string> TrainingKeys = Set("sequence", "global_batch", "micro_batch", "recompute", "precision", "flops_definition");

    private static readonly FrozenSet<string> ServingKeys = Set("weights", "kv", "input_tokens", "output_tokens", "batch", "concurrency", "mode", "framework");

    private static readonly FrozenSet<string> ModelRequired = Set("name", "params", "layers", "d_model", "heads", "kv_heads", "ffn", "gated_mlp", "vocab", "tied_embeddings");

    private static readonly FrozenSet<string> ModelOptional = Set("head_dim", "sliding_window", "active_params", "experts", "experts_per_token", "moe_ffn");

    private static readonly FrozenSet<string> MoeKeys = Set("active_params", "experts", "experts_per_token", "moe_ffn");

    private static readonly FrozenSet<string> ParallelKeys = Set("tp", "pp", "dp", "cp", "ep", "vp", "sp", "zero");

    /// <summary>The measured keys of each kind, as the format lists them.</summary>
    public static readonly FrozenSet<string> TrainingMetrics = Set("step_time_s", "tflops_per_gpu", "mfu", "hfu", "tokens_per_s_per_gpu");

    public static readonly FrozenSet<string> ServingMetrics = Set("output_tokens_per_s", "output_tokens_per_s_per_gpu", "ttft_ms", "tpot_ms", "itl_ms", "p99_ttft_ms", "p99_tpot_ms");

    public static readonly FrozenSet<string> Precisions = Set("fp16", "bf16", "fp8", "int8", "int4", "fp4");

    private static readonly FrozenSet<string> Recomputes = Set("none", "selective", "full");

    private static readonly FrozenSet<string> TrainingPrecisions = Set("bf16", "fp16", "fp8");

    private static readonly FrozenSet<string> FlopsDefinitions = Set("model", "hardware", "unstated");

    /// <summary>Reads a file from disk; <paramref name="path"/> is kept as given, for messages.</summary>
    public static MeasurementFile ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new MeasurementFormatException(path, string.Empty, $"cannot read the file: {e.Message}");
        }

        return Read(path, text);
    }

    /// <summary>Reads a file's text; <paramref name="path"/> names it in messages and in the result.</summary>
    public static MeasurementFile Read(string path, string text)
    {
        JToken root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double, MaxDepth = 64 };
            root = JToken.ReadFrom(reader);
            if (reader.Read())
            {
                throw new MeasurementFormatException(path, string.Empty, "text after the JSON object");
            }
        }
        catch (JsonException e)
        {
            throw new MeasurementFormatException(path, string.Empty, $"not valid JSON: {e.Message}");
        }

        var file = new FileReader(path);
        var top = file.Object(root, "the file");
        file.Keys(top, Set("format", "cases"), Set("format", "cases"));
        var format = file.String(top["format"]!);
        if (format != Format)
        {
            throw file.Error(top["format"]!, $"format must be \"{Format}\", not \"{format}\"");
        }

        var cases = file.Array(top["cases"]!);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<MeasurementCase>(cases.Count);
        foreach (var item in cases)
        {
            var one = file.Case(item);
            if (!ids.Add(one.Id))
            {
                throw file.Error(item["id"]!, $"id \"{one.Id}\" appears twice");
            }

            result.Add(one);
        }

        return new MeasurementFile(path, result.ToImmutable());
    }

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The checks of one file, each throwing with the file's name and the token's path.</summary>
    private sealed class FileReader(string path)
    {
        public MeasurementFormatException Error(JToken at, string problem) => new(path, at.Path, problem);

        public MeasurementCase Case(JToken token)
        {
            var o = Object(token, "a case");
            var kind = String(Required(o, "kind"));
            var (kindKeys, metrics) = kind switch
            {
                MeasurementCase.TrainingKind => (TrainingKeys, TrainingMetrics),
                MeasurementCase.ServingKind => (ServingKeys, ServingMetrics),
                _ => throw Error(o["kind"]!, $"kind must be \"training\" or \"serving\", not \"{kind}\""),
            };
            Keys(o, Set([.. CommonKeys, .. kindKeys]), Set([.. CommonKeys, .. kindKeys, "derived"]));

            var gpus = Int(o["gpus"]!) ?? throw Error(o["gpus"]!, "gpus must be a number");
            if (gpus < 1)
            {
                throw Error(o["gpus"]!, "gpus must be at least 1");
            }

            return new MeasurementCase(
                new CaseLocation(path, o.Path),
                NonEmpty(o["id"]!),
                kind,
                String(o["group"]!),
                String(o["source"]!),
                String(o["quote"]!),
                String(o["notes"]!),
                [.. Array(o["flags"]!).Select(String)],
                Model(o["model"]!),
                NonEmpty(o["hardware"]!),
                gpus,
                Parallel(o["parallel"]!),
                Measured(o["measured"]!, metrics),
                o["derived"] is { } derived ? Derived(derived) : null,
                kind == MeasurementCase.TrainingKind ? Training(o) : null,
                kind == MeasurementCase.ServingKind ? Serving(o) : null);
        }

        private CaseModel Model(JToken token)
        {
            var o = Object(token, "the model");
            Keys(o, ModelRequired, Set([.. ModelRequired, .. ModelOptional]));
            var moe = MoeKeys.Count(k => o.ContainsKey(k));
            if (moe is not 0 && moe != MoeKeys.Count)
            {
                throw Error(o, "the four MoE keys (active_params, experts, experts_per_token, moe_ffn) appear together or not at all");
            }

            return new CaseModel(
                NonEmpty(o["name"]!),
                Count(o["params"]!),
                PositiveInt(o["layers"]!),
                PositiveInt(o["d_model"]!),
                PositiveInt(o["heads"]!),
                PositiveInt(o["kv_heads"]!),
                Optional(o, "head_dim", PositiveInt),
                PositiveInt(o["ffn"]!),
                Bool(o["gated_mlp"]!),
                PositiveInt(o["vocab"]!),
                Bool(o["tied_embeddings"]!),
                Optional(o, "active_params", Count),
                Optional(o, "experts", PositiveInt),
                Optional(o, "experts_per_token", PositiveInt),
                Optional(o, "moe_ffn", PositiveInt),
                Optional(o, "sliding_window", PositiveInt));
        }

        private CaseParallel Parallel(JToken token)
        {
            var o = Object(token, "parallel");
            Keys(o, ParallelKeys, ParallelKeys);
            var zero = Int(o["zero"]!);
            if (zero is < 0 or > 3)
            {
                throw Error(o["zero"]!, "zero must be 0 to 3 or null");
            }

            return new CaseParallel(
                PositiveInt(o["tp"]!), PositiveInt(o["pp"]!), PositiveInt(o["dp"]!), PositiveInt(o["cp"]!),
                PositiveInt(o["ep"]!), PositiveInt(o["vp"]!), Bool(o["sp"]!), zero);
        }

        private TrainingSetup Training(JObject o) => new(
            PositiveInt(o["sequence"]!),
            PositiveInt(o["global_batch"]!),
            PositiveInt(o["micro_batch"]!),
            OneOf(o["recompute"]!, Recomputes),
            OneOf(o["precision"]!, TrainingPrecisions),
            OneOf(o["flops_definition"]!, FlopsDefinitions));

        private ServingSetup Serving(JObject o) => new(
            OneOf(o["weights"]!, Precisions),
            OneOf(o["kv"]!, Precisions),
            PositiveInt(o["input_tokens"]!),
            PositiveInt(o["output_tokens"]!),
            PositiveInt(o["batch"]!),
            PositiveInt(o["concurrency"]!),
            NonEmpty(o["mode"]!),
            String(o["framework"]!));

        private ImmutableArray<Measurement> Measured(JToken token, FrozenSet<string> metrics)
        {
            var o = Object(token, "measured");
            if (o.Count == 0)
            {
                throw Error(o, "measured needs at least one figure");
            }

            var result = ImmutableArray.CreateBuilder<Measurement>(o.Count);
            foreach (var property in o.Properties())
            {
                if (!metrics.Contains(property.Name))
                {
                    throw Error(property, $"unknown measured key '{property.Name}'; this kind has {string.Join(", ", metrics.Order(StringComparer.Ordinal))}");
                }

                var value = Number(property.Value) ?? throw Error(property.Value, "a measured figure must be a number, not null");
                if (value <= 0)
                {
                    throw Error(property.Value, "a measured figure must be above zero");
                }

                result.Add(new Measurement(property.Name, value));
            }

            return result.ToImmutable();
        }

        private CaseDerived Derived(JToken token)
        {
            var o = Object(token, "derived");
            var note = o["note"] is { } n ? NonEmpty(n) : throw Error(o, "derived needs a 'note' saying how its figures were computed");
            var values = o.Properties().Where(p => p.Name != "note")
                .Select(p => new Measurement(p.Name, Number(p.Value) ?? throw Error(p.Value, "a derived figure must be a number")));
            return new CaseDerived(note, [.. values]);
        }

        public void Keys(JObject o, IReadOnlySet<string> required, IReadOnlySet<string> allowed)
        {
            foreach (var key in required.Order(StringComparer.Ordinal))
            {
                Required(o, key);
            }

            foreach (var property in o.Properties())
            {
                if (!allowed.Contains(property.Name))
                {
                    throw Error(property, $"unknown key '{property.Name}'");
                }
            }
        }

        private JToken Required(JObject o, string key) =>
            o[key] ?? throw Error(o, $"missing key '{key}'");

        public JObject Object(JToken token, string what) =>
            token as JObject ?? throw Error(token, $"{what} must be a JSON object");

        public JArray Array(JToken token) =>
            token as JArray ?? throw Error(token, "must be a JSON array");

        public string String(JToken token) =>
            token.Type == JTokenType.String ? (string)token! : throw Error(token, $"must be a string, not {Describe(token)}");

        private string NonEmpty(JToken token) =>
            String(token) is { Length: > 0 } text ? text : throw Error(token, "must not be empty");

        private string? OneOf(JToken token, FrozenSet<string> allowed)
        {
            if (token.Type == JTokenType.Null)
            {
                return null;
            }

            var text = String(token);
            return allowed.Contains(text) ? text : throw Error(token, $"\"{text}\" is not one of {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
        }

        private static T? Optional<T>(JObject o, string key, Func<JToken, T?> read)
            where T : struct =>
            o[key] is { } token ? read(token) : null;

        private double? Number(JToken token) => token.Type switch
        {
            JTokenType.Null => null,
            JTokenType.Integer or JTokenType.Float when token.Value<double>() is var v && double.IsFinite(v) => v,
            _ => throw Error(token, $"must be a number, not {Describe(token)}"),
        };

        private double? Count(JToken token) =>
            Number(token) is { } value && value <= 0 ? throw Error(token, "must be above zero") : Number(token);

        public int? Int(JToken token) => Number(token) switch
        {
            null => null,
            var v when v == Math.Floor(v.Value) && Math.Abs(v.Value) <= int.MaxValue => (int)v.Value,
            _ => throw Error(token, "must be a whole number"),
        };

        private int? PositiveInt(JToken token) =>
            Int(token) is { } value && value < 1 ? throw Error(token, "must be at least 1 (an absent dimension is 1, an unknown one null)") : Int(token);

        private bool? Bool(JToken token) => token.Type switch
        {
            JTokenType.Null => null,
            JTokenType.Boolean => (bool)token,
            _ => throw Error(token, $"must be true, false or null, not {Describe(token)}"),
        };

        private static string Describe(JToken token) => token.Type switch
        {
            JTokenType.Null => "null",
            JTokenType.String => "a string",
            JTokenType.Integer or JTokenType.Float => "a number",
            JTokenType.Boolean => "a boolean",
            JTokenType.Array => "an array",
            JTokenType.Object => "an object",
            _ => token.Type.ToString().ToLowerInvariant(),
        };
    }
}
