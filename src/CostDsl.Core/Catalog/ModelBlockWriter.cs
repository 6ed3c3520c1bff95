using System.Globalization;
using System.Text;
using CostDsl.Estimation;
using CostDsl.Parsing;
using CostDsl.Text;
using CostDsl.Tooling.Formatting;

namespace CostDsl.Catalog;

/// <summary>
/// Writes an imported model as a catalog `model` block: every shape field with the config.json key it
/// came from, and params (active_params for a mixture of experts) as the importer counted them with
/// <see cref="ParameterCount"/>. The field names are <see cref="ModelShape.Fields"/>, which reads the block back.
/// </summary>
public static class ModelBlockWriter
{
    public static string Write(ImportedModel model, string name, string sourcePath)
    {
        var s = model.Shape;
        var fields = new List<(string Field, string Value, string Comment)>
        {
            ("params", Count(s.Params), $"counted from the shapes below ({(s.TiedEmbeddings ? "embeddings tied" : "embeddings untied")})"),
        };
        if (s.ActiveParams is { } active)
        {
            fields.Add(("active_params", Count(active), "counted: the experts chosen per token, plus everything that is not an expert"));
        }

        fields.Add(("layers", Number(s.Layers), Key(model, "num_hidden_layers", "n_layer")));
        fields.Add(("d_model", Number(s.DModel), Key(model, "hidden_size", "n_embd")));
        fields.Add(("heads", Number(s.Heads), Key(model, "num_attention_heads", "n_head")));
        fields.Add(("kv_heads", Number(s.KvHeads), s.KvHeads == s.Heads ? "multi-head attention: one K/V head per query head" : model.ModelType == "falcon" ? "num_kv_heads (multi_query: 1)" : "num_key_value_heads"));
        if (s.HeadDim * s.Heads != s.DModel)
        {
            fields.Add(("head_dim", Number(s.HeadDim), s.IsLatentAttention ? "qk_nope_head_dim + qk_rope_head_dim" : "head_dim"));
        }

        if (s.VHeadDim is { } v && v != s.HeadDim)
        {
            fields.Add(("v_head_dim", Number(v), "v_head_dim"));
        }

        AddOptional(fields, "vocab", s.Vocab, "vocab_size");
        if (model.Context is { } context)
        {
            fields.Add(("context", $"{Number(context)} token", Key(model, "max_position_embeddings", "n_positions")));
        }

        if (s.Ffn is { } ffn)
        {
            fields.Add(("ffn", Number(ffn), model.ModelType switch
            {
                "gptj" => "n_inner (4 x n_embd when null)",
                "falcon" => "ffn_hidden_size (4 x hidden_size when absent)",
                "llama4" or "llama4_text" => "intermediate_size_mlp (the dense layers' MLP)",
                _ => "intermediate_size",
            }));
        }

        fields.Add(("mlp_matrices", Number(s.MlpMatrices), s.MlpMatrices == 3 ? "gated MLP (gate, up, down)" : "plain MLP (up, down)"));
        fields.Add(("tied_embeddings", s.TiedEmbeddings ? "1" : "0", "tie_word_embeddings (or the architecture's default)"));
        AddOptional(fields, "sliding_window", s.SlidingWindow, "sliding_window", " token");
        AddOptional(fields, "sliding_layers", s.SlidingLayers, "layers with windowed attention (layer_types, or the architecture's pattern)");
        AddOptional(fields, "experts", s.Experts, Key(model, "num_local_experts", "num_experts", "n_routed_experts"));
        AddOptional(fields, "experts_per_token", s.ExpertsPerToken, "num_experts_per_tok");
        AddOptional(fields, "shared_experts", s.SharedExperts is > 0 ? s.SharedExperts : null, model.ModelType.StartsWith("llama4", StringComparison.Ordinal) ? "Llama 4: one shared expert per MoE layer" : "n_shared_experts");
        AddOptional(fields, "moe_ffn", s.MoeFfn, model.ModelType is "mixtral" or "gpt_oss" or "llama4" or "llama4_text" ? "intermediate_size (one expert's)" : "moe_intermediate_size");
        AddOptional(fields, "dense_layers", s.DenseLayers is > 0 ? s.DenseLayers : null, model.ModelType.StartsWith("llama4", StringComparison.Ordinal) ? "layers without experts (interleave_moe_layer_step)" : "first_k_dense_replace");
        AddOptional(fields, "q_lora_rank", s.QLoraRank, "q_lora_rank");
        AddOptional(fields, "kv_lora_rank", s.KvLoraRank, "kv_lora_rank");
        AddOptional(fields, "rope_head_dim", s.RopeHeadDim, "qk_rope_head_dim");
        AddOptional(fields, "nope_head_dim", s.NopeHeadDim, "qk_nope_head_dim");

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Imported by 'costdsl model import' from {OneLine(sourcePath)}\n");
        text.Append(CultureInfo.InvariantCulture, $"# (model_type {model.ModelType}{(model.Architecture is { } a ? $", {OneLine(a)}" : string.Empty)}). Every field is a config.json key; params is counted.\n");
        text.Append("# No precision is set: pass one per call (`weights_memory(M, 2 B)`, `bytes_per_param: 2 B`) or add `bytes_per_param = 2 B` here.\n");
        text.Append(CultureInfo.InvariantCulture, $"model {name} {{\n");
        var width = fields.Max(f => f.Field.Length);
        var valueWidth = fields.Max(f => f.Value.Length);
        foreach (var (field, value, comment) in fields)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {field.PadRight(width)} = {value.PadRight(valueWidth)}  # {comment}\n");
        }

        text.Append("}\n");

        // The block is printed in the layout 'costdsl fmt' gives, so a pasted import needs no reformatting.
        var formatted = Formatter.Format(new SourceFile("import.cost", text.ToString()));
        return formatted.HasErrors ? text.ToString() : formatted.Text;
    }

    /// <summary>True when the text can name a block: a word of letters, digits and '_' that is not a keyword.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => Lexical.IsIdentifierChar(c) && c < 128)
        && !Lexical.Keywords.Contains(name);

    /// <summary>A block name from a file or folder name: letters, digits and underscores, not starting with a digit.</summary>
    public static string NameFrom(string hint)
    {
        var name = new string([.. hint.Select(c => Lexical.IsIdentifierChar(c) && c < 128 ? c : '_')]).Trim('_');
        if (name.Length == 0)
        {
            return "Imported";
        }

        name = char.IsDigit(name[0]) ? "M_" + name : name;
        return IsValidName(name) ? name : name + "_model";
    }

    private static void AddOptional(List<(string, string, string)> fields, string field, double? value, string comment, string unit = "")
    {
        if (value is { } v)
        {
            fields.Add((field, Number(v) + unit, comment));
        }
    }

    private static string Key(ImportedModel model, params string[] candidates) =>
        model.ModelType switch
        {
            "gptj" => candidates.Length > 1 ? candidates[1] : candidates[0],
            "qwen2_moe" or "qwen3_moe" when candidates.Contains("num_experts") => "num_experts",
            "deepseek_v2" or "deepseek_v3" when candidates.Contains("n_routed_experts") => "n_routed_experts",
            _ => candidates[0],
        };

    // Every shape count is a whole number (the config gives integers), so it prints without a fraction or exponent.
    private static string Number(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    private static string Count(double value) => Math.Round(value).ToString("0", CultureInfo.InvariantCulture);

    // A path or a config string may hold a line break; a comment must stay on its line.
    private static string OneLine(string text) => text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
