using System.Globalization;

namespace CostDsl.Functions;

/// <summary>The words of a "does not fit" error: what the model needs and what the devices have.</summary>
internal static class Fit
{
    public static string DoesNotFit(string what, double need, double memory, double devices, string hardware) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{what} does not fit: it needs {need / 1e9:0.##} GB and {devices:0.##} x {hardware} have {memory / 1e9:0.##} GB of memory ({memory * (1 - Estimation.Serving.ServingCapacity.Reserve) / 1e9:0.##} GB usable after a {Estimation.Serving.ServingCapacity.Reserve:0%} reserve); use more devices, fewer bytes per weight or a smaller batch");
}
