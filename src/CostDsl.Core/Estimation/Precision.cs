using System.Collections.Frozen;

namespace CostDsl.Estimation;

/// <summary>
/// A number format a tensor is stored or computed in: its bits per value (block-scaled formats include
/// what their scales cost) and the device field holding the peak rate of matmuls in it.
/// </summary>
public sealed record Precision(string Name, double Bits, string PeakField, string ComputeName, string Source)
{
    private static readonly FrozenDictionary<string, Precision> Known = new Precision[]
    {
        new("fp32", 32, "fp32", "fp32", "IEEE 754 binary32"),
        new("tf32", 32, "tf32", "tf32", "stored as fp32; tensor cores read 19 bits of it (NVIDIA A100 whitepaper, 2020)"),
        new("fp16", 16, "fp16", "fp16", "IEEE 754 binary16"),
        new("bf16", 16, "bf16", "bf16", "bfloat16: 8 exponent, 7 mantissa bits"),
        // A per-tensor fp32 scale is negligible next to the tensor (Micikevicius et al. 2022, "FP8 Formats for Deep Learning", arXiv:2209.05433).
        new("fp8", 8, "fp8", "fp8", "E4M3/E5M2 with a per-tensor scale (arXiv:2209.05433)"),
        // SmoothQuant W8A8: one fp16 scale per output channel, negligible next to d_model values (Xiao et al. 2023, arXiv:2211.10438).
        new("int8", 8, "int8", "int8", "W8A8 with per-channel scales (SmoothQuant, arXiv:2211.10438)"),
        // Weight-only: one fp16 scale per group of 128 weights adds 16/128 bits, and the matmuls run in 16 bits after dequantisation
        // (Lin et al. 2024, "AWQ", arXiv:2306.00978, group size 128; Frantar et al. 2023, "GPTQ", arXiv:2210.17323).
        new("int4", 4 + (16.0 / 128), "fp16", "fp16", "weight-only int4, fp16 scale per 128 weights (AWQ arXiv:2306.00978, GPTQ arXiv:2210.17323)"),
        // NVFP4: E2M1 values with one FP8 E4M3 scale per 16 values (+ a per-tensor fp32 scale): 4 + 8/16 bits (NVIDIA, "Introducing NVFP4", 2025).
        new("fp4", 4 + (8.0 / 16), "fp4", "fp4", "NVFP4: E2M1 + E4M3 scale per 16 values (NVIDIA technical blog 'Introducing NVFP4', 2025)"),
        new("nvfp4", 4 + (8.0 / 16), "fp4", "fp4", "NVFP4: E2M1 + E4M3 scale per 16 values (NVIDIA technical blog 'Introducing NVFP4', 2025)"),
        // MXFP4: E2M1 values with one E8M0 scale per 32 values: 4 + 8/32 bits (OCP Microscaling Formats (MX) Specification v1.0, 2023).
        new("mxfp4", 4 + (8.0 / 32), "fp4", "fp4", "MXFP4: E2M1 + E8M0 scale per 32 values (OCP MX specification v1.0, 2023)"),
    }.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    public double Bytes => Bits / 8;

    /// <summary>The formats known, for messages.</summary>
    public static IEnumerable<string> Names => Known.Keys.Order(StringComparer.Ordinal);

    public static Precision? Find(string name) => Known.GetValueOrDefault(name.ToLowerInvariant());

    /// <summary>The precision the matmuls run in when the weights are stored in this one (int4 weight-only runs in fp16).</summary>
    public Precision Compute => Known[ComputeName];
}
