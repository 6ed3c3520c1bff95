namespace CostDsl.Estimation.Training;

/// <summary>
/// The memory one GPU needs at its peak, by part, for the pipeline stage that needs most: the first stage holds the
/// input embedding and the most micro-batches in flight, the last the output projection and the logits.
/// Framework workspace, the CUDA context and fragmentation are not counted: compare with the device memory with
/// that headroom in mind.
/// </summary>
public sealed record MemoryPerGpu(double Weights, double Gradients, double Optimizer, double Activations, double Logits)
{
    public double States => Weights + Gradients + Optimizer;

    public double Total => States + Activations + Logits;

    public static MemoryPerGpu Of(TransformerShape shape, ParallelLayout layout, double sequence, double microBatches)
    {
        var stageLayers = Math.Ceiling(shape.Layers / layout.Pp);
        var share = stageLayers / shape.Layers;

        // Parameters of the stage's layers on one GPU: TP splits every matrix, EP spreads the routed experts.
        var expertParams = shape.MoeLayers * shape.Experts * shape.ExpertParams;
        var layerParams = ((shape.Layers * shape.AttentionParams) + (shape.DenseMlpLayers * shape.DenseMlpParams)
            + (shape.MoeLayers * (shape.StoredMoeMlpParams - (shape.Experts * shape.ExpertParams))) + (expertParams / layout.Ep)) / layout.Tp;
        var stage = layerParams * share;
        var embedding = shape.EmbeddingParams / layout.Tp;
        var firstParams = stage + embedding;
        var lastParams = stage + (layout.Pp > 1 || !shape.TiedEmbeddings ? embedding : 0);

        // The first stage keeps the layers' activations of every micro-batch in flight; with full recomputation one
        // layer at a time also holds its whole activations while it runs backward.
        var moeShare = shape.Layers > 0 ? shape.MoeLayers / shape.Layers : 0;
        double Kept(bool moe) => ActivationMemory.KeptPerLayer(shape, layout, sequence, moe);
        var keptPerLayer = (moeShare * Kept(true)) + ((1 - moeShare) * Kept(false));
        var working = layout.Recompute == Recompute.Full
            ? Math.Max(ActivationMemory.PerLayer(shape, layout, sequence, shape.IsMoe), ActivationMemory.PerLayer(shape, layout, sequence, false))
            : 0;
        var firstActivations = (keptPerLayer * stageLayers * ActivationMemory.InFlightMicroBatches(layout, microBatches)) + working;
        var lastActivations = layout.Pp == 1 ? firstActivations : (keptPerLayer * stageLayers) + working;
        var logits = ActivationMemory.Logits(shape, layout, sequence);

        var first = Stage(firstParams, firstActivations, layout.Pp == 1 ? logits : 0, layout);
        var last = Stage(lastParams, lastActivations, logits, layout);
        return first.Total >= last.Total ? first : last;
    }

    private static MemoryPerGpu Stage(double parameters, double activations, double logits, ParallelLayout layout)
    {
        var states = ModelStates.Of(parameters, layout.Zero, layout.Dp);
        return new MemoryPerGpu(states.Weights, states.Gradients, states.Optimizer, activations, logits);
    }
}
