using System.Reflection;

namespace CostDsl.Modules;

/// <summary>The bundled library (the repository's rules/ folder), embedded in this assembly as std/...</summary>
public static class BundledLibrary
{
    public const string Prefix = "std/";

    /// <summary>The units prelude, loaded before every program.</summary>
    public const string Prelude = "std/units.cost";

    private static readonly Assembly Assembly = typeof(BundledLibrary).Assembly;

    public static IEnumerable<string> Paths =>
        Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public static string? Read(string path)
    {
        using var stream = Assembly.GetManifestResourceStream(path);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
