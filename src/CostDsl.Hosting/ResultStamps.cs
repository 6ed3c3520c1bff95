using System.Security.Cryptography;
using Newtonsoft.Json;

namespace CostDsl.Hosting;

/// <summary>
/// The stamp of each result, OUT/.costdsl/stamps/&lt;path&gt;.json: the fingerprint of the inputs the
/// result was computed from and the SHA-256 of the result's own bytes. It is written after the
/// result, and trusted only while the result file still hashes to what it names, so the pair is as
/// good as one atomic write: a batch killed between the two leaves a result no stamp vouches for, which
/// the next pass evaluates again. Whether a result is up to date is decided from its stamp alone,
/// never from index.json, which is only a summary rebuilt from the stamps.
/// </summary>
internal sealed class ResultStamps(string output)
{
    public const string Schema = "costdsl-stamp/2";

    private readonly string output = output;

    /// <summary>Beside the results, in a dot-folder no result path can reach (the batch never enters dot-folders of the input).</summary>
    private readonly RecordStore store = new(Path.Combine(output, ".costdsl", "stamps"), Schema);

    public string Folder => store.Folder;

    public string PathOf(string file) => Path.Combine(Folder, file.Replace('/', Path.DirectorySeparatorChar) + ".json");

    /// <summary>The spec files that have a stamp, relative, with forward slashes.</summary>
    public IEnumerable<string> Files() =>
        store.Paths("*.cost.json").Select(f => Path.GetRelativePath(Folder, f).Replace(Path.DirectorySeparatorChar, '/')[..^".json".Length]);

    /// <summary>The stamp of <paramref name="file"/> when it vouches for the result file as it is now; null otherwise.</summary>
    public BatchEntry? ReadValid(string file)
    {
        try
        {
            if (store.Read(PathOf(file)) is not { } item)
            {
                return null;
            }

            var entry = BatchEntry.Read(item.CreateReader());
            if (entry.File != file || entry.Result != file + ".json" || entry.ResultSha256 is null)
            {
                return null;
            }

            // A missing result throws (FileNotFoundException is an IOException): no stat of every result beforehand.
            return HashFile(Path.Combine(output, entry.Result)) == entry.ResultSha256 ? entry : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidCastException or FormatException or ArgumentException)
        {
            // An unreadable stamp or result costs only a re-evaluation.
            return null;
        }
    }

    public void Write(BatchEntry entry, PassWrites writes) => store.Write(PathOf(entry.File), json => entry.Write(json, stamp: true), writes);

    public void Delete(string file)
    {
        File.Delete(PathOf(file));
    }

    public static string HashFile(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
