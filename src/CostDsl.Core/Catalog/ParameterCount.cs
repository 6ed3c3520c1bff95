namespace CostDsl.Catalog;

/// <summary>
/// The one rule that counts a transformer's parameters from its shape, shared by the catalog tests and
/// <c>costdsl model import</c>. It counts every weight matrix (embeddings, the output head unless tied,
/// attention, MLP or experts with their router, latent-attention projections) and the norm vectors.
/// Biases and the like (attention sinks, expert biases) are left out: they are under 0.1% of every model
/// the catalog holds, and leaving them out keeps one rule for every architecture.
/// </summary>
public static class ParameterCount
{
    /// <summary>Every parameter the model stores.</summary>
    public static double Total(TransformerShape shape) => Count(shape, shape.Experts ?? 0);

    /// <summary>The parameters one token uses: a mixture of experts counts only the experts chosen per token.</summary>
    public static double Active(TransformerShape shape) => Count(shape, shape.ExpertsPerToken ?? shape.Experts ?? 0);

    private static double Count(TransformerShape shape, long routedExperts)
    {
        double d = shape.DModel;
        var embeddings = (double)shape.Vocab * d * (shape.TiedEmbeddings ? 1 : 2);
        var norms = (2.0 * shape.Layers + 1) * d;
        var attention = shape.Layers * Attention(shape);
        return embeddings + norms + attention + Mlps(shape, routedExperts);
    }

    private static double Attention(TransformerShape s)
    {
        double d = s.DModel;
        if (s.HasLatentAttention)
        {
            // Multi-head latent attention (DeepSeek-V2/V3): queries through an optional low-rank q_a/q_b pair,
            // keys and values through the compressed kv_a (latent + decoupled RoPE key) and kv_b, then o_proj.
            var rope = (double)(s.RopeHeadDim ?? 0);
            var nope = (double)(s.NopeHeadDim ?? s.HeadDim - (s.RopeHeadDim ?? 0));
            var v = (double)(s.VHeadDim ?? nope);
            var qk = s.Heads * (nope + rope);
            var query = s.QLoraRank is > 0 and var q ? (d * q) + q + (q * qk) : d * qk;
            var kvRank = (double)s.KvLoraRank!.Value;
            var keyValue = (d * (kvRank + rope)) + kvRank + (kvRank * s.Heads * (nope + v));
            return query + keyValue + (s.Heads * v * d);
        }

        var valueDim = (double)(s.VHeadDim ?? s.HeadDim);
        return (d * s.Heads * s.HeadDim) + (d * s.KvHeads * s.HeadDim) + (d * s.KvHeads * valueDim) + (s.Heads * valueDim * d);
    }

    private static double Mlps(TransformerShape s, long routedExperts)
    {
        double d = s.DModel;
        var perMatrix = s.MlpMatrices * d;
        if (!s.IsMixtureOfExperts)
        {
            return s.Layers * perMatrix * (s.Ffn ?? 0);
        }

        var denseLayers = s.DenseLayers ?? 0;
        var moeLayers = s.Layers - denseLayers;
        var expert = perMatrix * (s.MoeFfn ?? 0);
        var router = d * s.Experts!.Value;
        var moeLayer = ((routedExperts + (s.SharedExperts ?? 0)) * expert) + router;
        return (denseLayers * perMatrix * (s.Ffn ?? 0)) + (moeLayers * moeLayer);
    }
}
