namespace CostDsl.Estimation.Training;

/// <summary>
/// One GPU as the training model sees it, in base units. Peak is the dense rate of the precision the run computes in.
/// ScaleUp is one direction of the per-GPU scale-up link (NVLink); vendors print both directions together, so it is
/// half the catalog's interconnect. Network is the per-GPU scale-out NIC bandwidth, one direction; 0 when unknown,
/// and then the run cannot leave one node. GpusPerNode: GPUs joined by the scale-up link.
/// </summary>
public sealed record TrainingDevice(
    string Name,
    double PeakFlops,
    double MemoryBytes,
    double MemoryBandwidth,
    double ScaleUpBandwidth,
    double NetworkBandwidth,
    int GpusPerNode);
