using System.Security.Cryptography;
using System.Text;

namespace CostDsl.Output;

/// <summary>
/// The seal of a sharded sweep's part (<c>part.digest</c>): the SHA-256 of the part's JSON as written, with the digest
/// itself set to zeros. <c>costdsl merge</c> refuses a part whose seal does not hold: a value edited by hand (a number
/// changed in place, whose layout re-renders the same) would otherwise be joined as if costdsl had computed it.
/// </summary>
public static class PartDigest
{
    /// <summary>What the writer puts in place of the digest; <see cref="Seal"/> replaces it.</summary>
    public static readonly string Placeholder = new('0', 64);

    private const string Property = "\"digest\": \"";

    /// <summary>The JSON with its placeholder replaced by the digest of the JSON as it is with the placeholder.</summary>
    public static string Seal(string json)
    {
        var at = json.IndexOf(Property + Placeholder + "\"", StringComparison.Ordinal);
        return at < 0 ? json : string.Concat(json.AsSpan(0, at + Property.Length), Hash(json), json.AsSpan(at + Property.Length + Placeholder.Length));
    }

    /// <summary>Whether <paramref name="json"/> carries a digest, and it is the digest of the rest.</summary>
    public static bool Holds(string json)
    {
        var at = json.IndexOf(Property, StringComparison.Ordinal);
        if (at < 0 || json.Length < at + Property.Length + Placeholder.Length)
        {
            return false;
        }

        var digest = json.Substring(at + Property.Length, Placeholder.Length);
        var unsealed = string.Concat(json.AsSpan(0, at + Property.Length), Placeholder, json.AsSpan(at + Property.Length + Placeholder.Length));
        return string.Equals(digest, Hash(unsealed), StringComparison.Ordinal);
    }

    private static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
