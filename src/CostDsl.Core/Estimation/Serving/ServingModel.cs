namespace CostDsl.Estimation.Serving;

/// <summary>
/// The serving step model: the work of a prefill or a decode step on each device of a replica, and the
/// latencies and throughput that follow from summing steps. Pure arithmetic over a deployment; the
/// efficiencies come in per sample.
/// </summary>
public static class ServingModel
{
    /// <summary>Decode steps are summed exactly up to this many; beyond, by the midpoint rule over as many segments (the step time is piecewise linear in the context).</summary>
    public const int DecodePoints = 16;

    /// <summary>One prefill step: <paramref name="sequences"/> prompts of <paramref name="prompt"/> tokens read together.</summary>
    public static StepWork Prefill(ServingDeployment d, double sequences, double prompt)
    {
        var m = d.Model;
        var tokens = sequences * prompt;
        var kvWritten = sequences * m.KvValues(prompt) * d.KvBytes / d.KvShards;
        return Work(d, tokens, 2 * m.ComputeParams * tokens, sequences * m.CausalAttentionFlops(prompt), kvWritten);
    }

    /// <summary>One decode step: each of <paramref name="sequences"/> sequences, with <paramref name="context"/> tokens cached, adds one token.</summary>
    public static StepWork Decode(ServingDeployment d, double sequences, double context)
    {
        var m = d.Model;
        var kvMoved = sequences * m.KvValues(context + 1) * d.KvBytes / d.KvShards;
        var reread = (d.QueryHeadsPerKvHead - 1) * sequences * m.KvValues(context) * d.KvBytes / d.KvShards;
        return Work(d, sequences, sequences * 2 * m.ComputeParams, sequences * m.AttentionFlops(context), kvMoved) with { KvRereadBytes = reread, Kernel = d.DecodeKernel };
    }

    /// <summary>
    /// The decode steps that generate tokens 2..<paramref name="output"/> after a prompt of <paramref name="prompt"/>
    /// (the prefill yields the first), as (step, how many steps it stands for).
    /// </summary>
    public static IReadOnlyList<(StepWork Step, double Count)> DecodeSteps(ServingDeployment d, double sequences, double prompt, double output)
    {
        var steps = Math.Max(0, Math.Round(output) - 1);
        if (steps == 0)
        {
            return [];
        }

        if (steps <= DecodePoints)
        {
            return [.. Enumerable.Range(0, (int)steps).Select(i => (Decode(d, sequences, prompt + i + 1), 1.0))];
        }

        var width = steps / DecodePoints;
        return [.. Enumerable.Range(0, DecodePoints).Select(i => (Decode(d, sequences, prompt + 1 + ((i + 0.5) * width)), width))];
    }

    private static StepWork Work(ServingDeployment d, double tokens, double matmulFlops, double attentionFlops, double kvBytes)
    {
        var m = d.Model;
        var weights = m.WeightsTouched(tokens) * d.WeightBytes / d.Tp;
        var activations = 2 * tokens * m.Layers * m.ActivationValuesPerTokenLayer * d.ActivationBytes / d.Tp;

        double linkBytes = 0, collectives = 0;
        if (d.Tp > 1)
        {
            // Two all-reduces a layer (after attention, after the MLP) of the hidden states; a ring sends 2(n-1)/n of them per device.
            var reduced = tokens * m.DModel * d.ActivationBytes;
            linkBytes += 2 * m.Layers * reduced * 2 * (d.Tp - 1) / d.Tp;
            collectives += 2 * m.Layers;
        }

        if (d.Ep > 1 && m.IsMixtureOfExperts)
        {
            // Expert parallelism: dispatch and combine all-to-alls of each token's k hidden states per MoE layer; (ep-1)/ep of them leave the device.
            var routed = tokens / d.Ep * m.ExpertsPerToken!.Value * m.DModel * d.ActivationBytes;
            linkBytes += 2 * m.MoeLayers * routed * (d.Ep - 1) / d.Ep;
            collectives += 2 * m.MoeLayers;
        }

        return new StepWork(matmulFlops / d.Tp, weights, attentionFlops / d.Tp, kvBytes, activations, linkBytes, collectives, m.Layers, ExpertFlops: 2 * tokens * m.RoutedParamsPerToken / d.Tp);
    }
}
