using System.Globalization;
using System.Text.RegularExpressions;

namespace CostDsl.Estimation.Serving;

/// <summary>
/// How the engine's decode-attention kernel reads a grouped (GQA/MQA) KV head. <see cref="Unstated"/>: not known from the
/// case, so the share of re-reads is the kv_reread assumption's range. <see cref="PerQueryHead"/>: the engine is documented
/// to have no grouped kernel for this head shape, so the masked multi-head attention kernel runs, one thread block per query
/// head, and each query head of a group reads the group's K/V from memory itself.
/// </summary>
public enum DecodeAttentionKernel
{
    Unstated,
    PerQueryHead,
}

/// <summary>The decode-attention kernel a case's engine runs, from its framework string and the model's head shape.</summary>
public static partial class DecodeAttentionKernels
{
    /// <summary>
    /// TensorRT-LLM up to 0.9 (the releases whose decode kernels are documented here): its grouped-query decode kernel (XQA)
    /// first appears in the 0.7 previews ("improved its Group Query Attention (GQA) kernels, in the generation phase, providing
    /// up to 2.4x improvement on Llama-70B over TensorRT-LLM v0.5 ... will be included in the v0.7 & v0.8 releases",
    /// docs/source/blogs/Falcon180B-H200.md, 2023-12), still an experimental opt-in in 0.8 ("not enabled by default ... export
    /// TRTLLM_ENABLE_XQA=1", docs/source/performance.md of v0.8.0), so 0.7 and 0.8 may run either kernel (Unstated); its
    /// precompiled kernels of those releases are built for head dimensions 128 and 256 only
    /// (cpp/tensorrt_llm/kernels/decoderMaskedMultiheadAttention/cubin/xqa_kernel_cubin.h: every kernel d_128 or d_256). So a
    /// release before 0.7, or another head dimension (Falcon-180B's 64), decodes with masked multi-head attention. Later
    /// releases compile XQA for other shapes just in time, and other engines are not documented here: both stay Unstated.
    /// Dev-set evidence (v0.9.0): every Falcon-180B run with 2,048 output tokens was predicted 21-77% too fast with the
    /// kv_reread range, on all three GPUs, while Llama 2 70B (head dimension 128) was not. The cubin list also names only
    /// groups of 8 query heads a KV head, but the dev set's Mistral 7B and Mixtral runs (groups of 4) decode as if grouped:
    /// treating them as per-head made their throughput 10-30 points worse, so the group size is not part of the rule.
    /// </summary>
    public static DecodeAttentionKernel For(string framework, ModelShape model)
    {
        if (model.IsLatentAttention || model.Heads <= model.KvHeads || TensorRtLlmVersion(framework) is not { } version)
        {
            return DecodeAttentionKernel.Unstated;
        }

        if (version < new Version(0, 7))
        {
            return DecodeAttentionKernel.PerQueryHead;
        }

        return version < new Version(0, 10) && model.HeadDim is not (128 or 256) ? DecodeAttentionKernel.PerQueryHead : DecodeAttentionKernel.Unstated;
    }

    /// <summary>The TensorRT-LLM release a framework string names ("TensorRT-LLM 0.6.1, gptSessionBenchmark"), or null.</summary>
    public static Version? TensorRtLlmVersion(string framework)
    {
        var match = TensorRtLlm().Match(framework);
        return match.Success
            ? new Version(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex(@"TensorRT-LLM\s+v?(\d{1,4})\.(\d{1,4})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TensorRtLlm();
}
