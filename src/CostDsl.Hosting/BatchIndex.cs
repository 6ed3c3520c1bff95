using CostDsl.Output;

namespace CostDsl.Hosting;

/// <summary>
/// OUT/index.json (schema costdsl-batch/3): every result in the output folder, sorted by file, with no
/// times or machine names in it, so that the same inputs give the same bytes. It names the settings
/// and the engine build the results were made with, and the shard when the batch was one part of
/// several, so that <c>costdsl merge</c> can refuse parts that do not belong together.
/// </summary>
public static class BatchIndex
{
    public const string Schema = "costdsl-batch/3";
    public const string FileName = "index.json";

    public static string Write(IEnumerable<BatchEntry> entries, bool complete, BatchIdentity identity)
    {
        var sorted = entries.OrderBy(e => e.File, StringComparer.Ordinal).ToList();
        return JsonOut.Write(json => json.Object(() => json
            .String("schema", Schema)
            .Boolean("complete", complete)
            .String("settings", identity.Settings)
            .String("engine", identity.Engine)

            // Only a part names itself: the merge of all parts is byte for byte the unsharded index.
            .OptionalString("shard", identity.Shard.IsWhole ? null : identity.Shard.ToString())
            .Object("totals", () =>
            {
                json.Integer("files", sorted.Count);
                foreach (var status in new[] { BatchEntry.Ok, BatchEntry.Error, BatchEntry.AssertFailed })
                {
                    json.Integer(status, sorted.Count(e => e.Status == status));
                }
            })
            .Array("files", sorted, entry => json.Object(() => entry.Write(json, stamp: false)))));
    }
}
