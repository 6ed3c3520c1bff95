using CostDsl.Estimation;

namespace CostDsl.Catalog;

/// <summary>
/// The one rule that counts a transformer's parameters from its shape, shared by the catalog tests and
/// <c>costdsl model import</c>. It counts every weight matrix (embeddings, the output head unless tied,
/// attention, MLP or experts with their router, latent-attention projections) and the norm vectors.
/// Biases and the like (attention sinks, expert biases) are left out: they are under 0.1% of every model
/// the catalog holds, and leaving them out keeps one rule for every architecture. It reads the shape fields of a
/// <see cref="ModelShape"/> (never its params), so a field the performance models add is one the count can read.
/// A shape without a vocabulary has no count (null): its embeddings are unknown, and nothing is guessed.
/// </summary>
public static class ParameterCount
{
    /// <summary>Every parameter the model stores.</summary>
    public static double? Total(ModelShape shape) => Count(shape, shape.Experts ?? 0);

    /// <summary>The parameters one token uses: a mixture of experts counts only the experts chosen per token.</summary>
    public static double? Active(ModelShape shape) => Count(shape, shape.ExpertsPerToken ?? shape.Experts ?? 0);

    private static double? Count(ModelShape shape, double routedExperts)
    {
        if (shape.Vocab is not { } vocab)
        {
            return null;
        }

        var d = shape.DModel;
        var embeddings = vocab * d * (shape.TiedEmbeddings ? 1 : 2);
        var norms = (2.0 * shape.Layers + 1) * d;
        var attention = shape.Layers * Attention(shape);
        return embeddings + norms + attention + Mlps(shape, routedExperts);
    }

    private static double Attention(ModelShape s)
    {
        var d = s.DModel;
        if (s.IsLatentAttention)
        {
            // Multi-head latent attention (DeepSeek-V2/V3): queries through an optional low-rank q_a/q_b pair,
            // keys and values through the compressed kv_a (latent + decoupled RoPE key) and kv_b, then o_proj.
            var rope = s.RopeHeadDim ?? 0;
            var nope = s.NopeHeadDim ?? (s.HeadDim - rope);
            var v = s.VHeadDim ?? nope;
            var qk = s.Heads * (nope + rope);
            var query = s.QLoraRank is > 0 and var q ? (d * q) + q + (q * qk) : d * qk;
            var kvRank = s.KvLoraRank!.Value;
            var keyValue = (d * (kvRank + rope)) + kvRank + (kvRank * s.Heads * (nope + v));
            return query + keyValue + (s.Heads * v * d);
        }

        var valueDim = s.VHeadDim ?? s.HeadDim;
        return (d * s.Heads * s.HeadDim) + (d * s.KvHeads * s.HeadDim) + (d * s.KvHeads * valueDim) + (s.Heads * valueDim * d);
    }

    private static double Mlps(ModelShape s, double routedExperts)
    {
        var d = s.DModel;
        var perMatrix = s.MlpMatrices * d;
        if (!s.IsMixtureOfExperts)
        {
            return s.Layers * perMatrix * (s.Ffn ?? 0);
        }

        var denseLayers = s.DenseLayers;
        var moeLayers = s.Layers - denseLayers;
        var expert = perMatrix * (s.MoeFfn ?? 0);
        var router = d * s.Experts!.Value;
        var moeLayer = ((routedExperts + s.SharedExperts) * expert) + router;
        return (denseLayers * perMatrix * (s.Ffn ?? 0)) + (moeLayers * moeLayer);
    }
}
