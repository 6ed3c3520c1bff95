namespace CostDsl.Estimation.Training;

/// <summary>A training run to estimate: the model, how it is split, the GPU, and the step (global batch of sequences).</summary>
public sealed record TrainingRun(TransformerShape Shape, ParallelLayout Layout, TrainingDevice Device, int Gpus, double GlobalBatch, double Sequence)
{
    /// <summary>Micro-batches each pipeline runs per step.</summary>
    public double MicroBatches => GlobalBatch / (Layout.Dp * (double)Layout.MicroBatch);

    /// <summary>
    /// Why the run cannot be laid out as given, or null when it can: the degrees must multiply to the GPU count,
    /// divide the heads, layers, batch and experts as Megatron-LM requires, and a run beyond one node needs a network.
    /// </summary>
    public string? LayoutProblem()
    {
        var l = Layout;
        if (l.Tp < 1 || l.Pp < 1 || l.Dp < 1 || l.Cp < 1 || l.Ep < 1 || l.Vp < 1 || l.MicroBatch < 1)
        {
            return $"every parallel degree and the micro-batch must be at least 1 ({l})";
        }

        if ((long)l.Tp * l.Pp * l.Dp * l.Cp != Gpus)
        {
            return $"tp {l.Tp} x pp {l.Pp} x dp {l.Dp} x cp {l.Cp} = {(long)l.Tp * l.Pp * l.Dp * l.Cp} GPUs, but the run has {Gpus}";
        }

        if (l.Zero is < 0 or > 3)
        {
            return $"zero must be a stage from 0 to 3, not {l.Zero}";
        }

        if (Shape.Heads % l.Tp != 0)
        {
            return $"tp {l.Tp} does not divide the {Shape.Heads} attention heads";
        }

        if (l.Pp * l.Vp > Shape.Layers)
        {
            return $"pp {l.Pp} x vp {l.Vp} stages exceed the {Shape.Layers} layers";
        }

        if (l.Vp > 1 && l.Pp == 1)
        {
            return "interleaved stages (vp > 1) need a pipeline (pp > 1)";
        }

        var micro = GlobalBatch / ((double)l.Dp * l.MicroBatch);
        if (micro < 1 || Math.Abs(micro - Math.Round(micro)) > 1e-9)
        {
            return $"the global batch of {GlobalBatch} sequences is not a whole number of micro-batches of {l.MicroBatch} on each of {l.Dp} data-parallel ranks";
        }

        if (Sequence % l.Cp != 0)
        {
            return $"cp {l.Cp} does not divide the sequence of {Sequence} tokens";
        }

        if (l.Ep > 1 && (!Shape.IsMoe || Shape.Experts % l.Ep != 0 || (l.Dp * l.Cp) % l.Ep != 0))
        {
            return Shape.IsMoe
                ? $"ep {l.Ep} must divide the {Shape.Experts} experts and the dp x cp = {l.Dp * l.Cp} ranks it is taken from"
                : "ep > 1 needs a mixture-of-experts model";
        }

        if (Gpus > Device.GpusPerNode && Device.NetworkBandwidth <= 0)
        {
            return $"{Device.Name} has no scale-out network bandwidth (field 'network'), so a run cannot span more than {Device.GpusPerNode} GPUs of one node";
        }

        return null;
    }
}
