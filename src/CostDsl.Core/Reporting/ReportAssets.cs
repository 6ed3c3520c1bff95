namespace CostDsl.Reporting;

/// <summary>
/// The plotting scripts a report carries inline (Vega 6.4.0 and Vega-Lite 6.5.0, BSD-3-Clause; see
/// Reporting/Assets/README.md). They are embedded resources, so the report needs no network and the
/// tool no files beside it; reading them is plain resource access, which the native build keeps.
/// </summary>
public static class ReportAssets
{
    public const string Vega = "report/vega-6.4.0.min.js";
    public const string VegaLite = "report/vega-lite-6.5.0.min.js";
    public const string VegaLicence = "report/LICENSE-vega.txt";
    public const string VegaLiteLicence = "report/LICENSE-vega-lite.txt";

    public static string Read(string name)
    {
        using var stream = typeof(ReportAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the report asset {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
