using System.Globalization;
using CostDsl.Diagnostics;
using CostDsl.Output;
using CostDsl.Runtime;
using CostDsl.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CostDsl.Hosting;

/// <summary>
/// <c>costdsl merge</c> of the JSON parts of a sharded sweep (<c>eval --sweep ... --shard K/N</c>):
/// one JSON whose <c>points</c> are every part's in the order of K, which is grid order because each
/// part is a contiguous run of points (<see cref="GridPart"/>). An assert passes when it passed in
/// every part, and fails at the failing points of all parts; the "assert failed" diagnostic names
/// the first of them as the unsharded run does. A diagnostic at the same place in several parts is
/// kept once. The result is byte for byte what the unsharded eval writes; to hold to that, a part
/// must read back to exactly its own text (an edited part is refused), and a failed-assert message
/// must rebuild exactly from the part's own failing points.
/// </summary>
public static class SweepMerge
{
    public sealed record Outcome(string? Json, IReadOnlyList<Diagnostic> Refusals);

    private sealed record Part(SourceFile Source, JObject Json, GridPart Shape, int Points, string Sources);

    /// <summary>As the engine names the first failing points of an assert (EvaluationSession.AtPoints).</summary>
    private const int ShownPoints = 5;

    public static Outcome Merge(IReadOnlyList<(string Path, string Text)> files)
    {
        var refusals = new List<Diagnostic>();
        var parts = files.Select(f => Read(new SourceFile(f.Path, f.Text), refusals)).OfType<Part>().ToList();
        if (refusals.Count > 0)
        {
            return new Outcome(null, refusals);
        }

        var first = parts[0];
        foreach (var part in parts.Skip(1))
        {
            if ((string?)part.Json["file"] != (string?)first.Json["file"])
            {
                refusals.Add(Refuse(Codes.PartsDiffer, part.Source, "\"file\"", $"{part.Source.Path} is a part of {(string?)part.Json["file"]}, {first.Source.Path} of {(string?)first.Json["file"]}: merge the parts of one spec"));
            }
            else if (part.Sources != first.Sources)
            {
                refusals.Add(Refuse(Codes.PartsDiffer, part.Source, "\"sources\"", $"{part.Source.Path} was made from other versions of the spec or its imports than {first.Source.Path}; make every part from the same files"));
            }
            else if (part.Shape.Settings != first.Shape.Settings)
            {
                refusals.Add(Refuse(Codes.PartsDiffer, part.Source, "\"settings\"", $"{part.Source.Path} was made with other settings than {first.Source.Path} (samples, seed, --set, --scenario, --sweep, --histogram or the build of costdsl differ); make every part with the same command but --shard"));
            }
            else if (part.Shape.Count != first.Shape.Count || part.Points != first.Points)
            {
                refusals.Add(Refuse(Codes.PartsDoNotTile, part.Source, "\"part\"", $"{part.Source.Path} is part {part.Shape.Index}/{part.Shape.Count} of {part.Points} points, {first.Source.Path} part {first.Shape.Index}/{first.Shape.Count} of {first.Points}: merge the parts of one split"));
            }
        }

        if (refusals.Count == 0)
        {
            foreach (var twice in parts.GroupBy(p => p.Shape.Index).Where(g => g.Count() > 1))
            {
                refusals.Add(Refuse(Codes.PartsDoNotTile, twice.ElementAt(1).Source, "\"part\"", $"{twice.ElementAt(1).Source.Path} and {twice.First().Source.Path} are both part {twice.Key}/{first.Shape.Count}: the parts overlap"));
            }

            var missing = Enumerable.Range(0, first.Shape.Count).Except(parts.Select(p => p.Shape.Index)).ToList();
            if (missing.Count > 0)
            {
                refusals.Add(Refuse(Codes.PartsDoNotTile, first.Source, "\"part\"", $"part{(missing.Count == 1 ? string.Empty : "s")} {string.Join(", ", missing.Take(10).Select(k => $"{k}/{first.Shape.Count}"))} missing: a merge needs every part from 0/{first.Shape.Count} to {first.Shape.Count - 1}/{first.Shape.Count}"));
            }
        }

        if (refusals.Count > 0)
        {
            return new Outcome(null, refusals);
        }

        parts = [.. parts.OrderBy(p => p.Shape.Index)];
        var merged = new JObject();
        foreach (var property in first.Json.Properties().Where(p => p.Name != "part"))
        {
            merged[property.Name] = property.Name switch
            {
                "points" => MergePoints(parts),
                "asserts" => MergeAsserts(parts),
                "diagnostics" => MergeDiagnostics(parts, refusals),
                _ => property.Value.DeepClone(),
            };
        }

        return refusals.Count > 0 ? new Outcome(null, refusals) : new Outcome(Render(merged), []);
    }

    private static Part? Read(SourceFile source, List<Diagnostic> refusals)
    {
        JObject json;
        try
        {
            using var reader = new JsonTextReader(new StringReader(source.Text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
            json = JObject.Load(reader);
        }
        catch (JsonException e)
        {
            refusals.Add(Refuse(Codes.NotAPart, source, null, $"{source.Path} is not the JSON of one spec as costdsl eval writes it: {e.Message}"));
            return null;
        }

        if ((string?)json["schema"] == JsonReport.Schema && json["points"] is null
            && (json["diagnostics"] as JArray ?? []).OfType<JObject>().FirstOrDefault(d => (string?)d["severity"] == "error") is { } error)
        {
            // The spec's own error stopped the evaluation before any point (an error in a sweep or an override): say that one.
            refusals.Add(Refuse(Codes.NotAPart, source, null, $"{source.Path} holds no points: its spec has an error ({(string?)error["code"]} at {(string?)error["file"]}:{(string?)error["line"]}: {(string?)error["message"]}); fix it and make the parts again"));
            return null;
        }

        if ((string?)json["schema"] != JsonReport.Schema || json["points"] is not JArray points)
        {
            refusals.Add(Refuse(Codes.NotAPart, source, null, $"{source.Path} is not a part of a sweep: it has no \"points\" (schema {JsonReport.Schema}); make it with costdsl eval FILE --sweep ... --shard K/N"));
            return null;
        }

        // Only what reads back to its own bytes can be joined into bytes the unsharded run would write.
        if (Render(json) != source.Text)
        {
            refusals.Add(Refuse(Codes.NotAPart, source, null, $"{source.Path} is not as costdsl eval wrote it (it was edited or re-indented); make that part again"));
            return null;
        }

        if (!WellTyped(json))
        {
            refusals.Add(Refuse(Codes.NotAPart, source, null, $"{source.Path} is not as costdsl eval wrote it (a line, column, index or count that is not a whole number); make that part again"));
            return null;
        }

        if (json["part"] is not JObject shape)
        {
            return new Part(source, json, GridPart.Whole, points.Count, string.Empty);
        }

        if (!PartDigest.Holds(source.Text))
        {
            refusals.Add(Refuse(Codes.NotAPart, source, "\"digest\"", $"{source.Path} was changed after costdsl eval wrote it (its digest does not hold); make that part again"));
            return null;
        }

        var part = new GridPart(Whole(shape["index"]) ?? -1, Whole(shape["count"]) ?? 0, (string?)shape["settings"] ?? string.Empty);
        var total = Whole(shape["points"]) ?? -1;
        if (part.Count < 1 || part.Index < 0 || part.Index >= part.Count || total < part.Count || part.Window(total).Count != points.Count)
        {
            refusals.Add(Refuse(Codes.NotAPart, source, "\"part\"", $"{source.Path}: its \"part\" does not match its {points.Count} points; make that part again"));
            return null;
        }

        return new Part(source, json, part, total, (string?)shape["sources"] ?? string.Empty);
    }

    /// <summary>A JSON whole number that fits an int; null for anything else (a string, a fraction, a number too large).</summary>
    private static int? Whole(JToken? token) =>
        token is JValue { Type: JTokenType.Integer, Value: var value } && value is long or int && Convert.ToInt64(value, CultureInfo.InvariantCulture) is >= int.MinValue and <= int.MaxValue and var whole
            ? (int)whole : null;

    /// <summary>Whether every field merge reads as a number is a whole number where the part has it: a part re-renders to its own bytes with a string there too.</summary>
    private static bool WellTyped(JObject json)
    {
        static bool WholeOrAbsent(JToken? token) => token is null || Whole(token) is not null;

        var places = (json["diagnostics"] as JArray ?? []).OfType<JObject>().Concat((json["asserts"] as JArray ?? []).OfType<JObject>());
        return places.All(p => WholeOrAbsent(p["line"]) && WholeOrAbsent(p["column"]))
            && (json["part"] is not JObject shape || (Whole(shape["index"]) is not null && Whole(shape["count"]) is not null && Whole(shape["points"]) is not null));
    }

    /// <summary>
    /// Every part's points in grid order. An output that failed at a point is left out of every point of the unsharded grid; a
    /// part holds it only where none of its own points failed, so an output missing from any point of any part is left out of all.
    /// </summary>
    private static JArray MergePoints(List<Part> parts)
    {
        var points = parts.SelectMany(p => (p.Json["points"] as JArray ?? []).OfType<JObject>()).ToList();
        var named = points.Select(p => (p["outputs"] as JObject)?.Properties().Select(o => o.Name).ToHashSet(StringComparer.Ordinal) ?? []).ToList();
        var everywhere = named.Count == 0 ? [] : named.Skip(1).Aggregate(new HashSet<string>(named[0], StringComparer.Ordinal), (all, one) =>
        {
            all.IntersectWith(one);
            return all;
        });
        var merged = new JArray();
        foreach (var point in points)
        {
            var copy = (JObject)point.DeepClone();
            if (copy["outputs"] is JObject outputs)
            {
                foreach (var name in outputs.Properties().Select(o => o.Name).Where(n => !everywhere.Contains(n)).ToList())
                {
                    outputs.Remove(name);
                }
            }

            merged.Add(copy);
        }

        return merged;
    }

    private static JArray MergeAsserts(List<Part> parts)
    {
        var merged = new JArray();
        foreach (var assert in (parts[0].Json["asserts"] as JArray ?? []).OfType<JObject>())
        {
            // An assert missing from a part was not judged there (its condition was uncertain at a point of it): the whole run does not judge it either.
            var all = parts.Select(p => (p.Json["asserts"] as JArray ?? []).OfType<JObject>().FirstOrDefault(a => SameAssert(a, assert))).ToList();
            if (all.Any(a => a is null))
            {
                continue;
            }

            var failing = all.SelectMany(a => a!["failingPoints"] as JArray ?? []).ToList();
            var one = new JObject
            {
                ["file"] = assert["file"]!.DeepClone(),
                ["line"] = assert["line"]!.DeepClone(),
                ["message"] = assert["message"]!.DeepClone(),
                ["passed"] = all.All(a => (bool?)a!["passed"] == true),
            };
            if (failing.Count > 0)
            {
                one["failingPoints"] = new JArray(failing.Select(f => f.DeepClone()));
            }

            merged.Add(one);
        }

        return merged;
    }

    private static bool SameAssert(JObject a, JObject b) =>
        (string?)a["file"] == (string?)b["file"] && (int?)a["line"] == (int?)b["line"] && (string?)a["message"] == (string?)b["message"];

    private static JArray MergeDiagnostics(List<Part> parts, List<Diagnostic> refusals)
    {
        var seen = new HashSet<(string?, string?, int?, int?)>();
        var kept = new List<JObject>();
        foreach (var part in parts)
        {
            foreach (var diagnostic in (part.Json["diagnostics"] as JArray ?? []).OfType<JObject>())
            {
                var key = ((string?)diagnostic["code"], (string?)diagnostic["file"], (int?)diagnostic["line"], (int?)diagnostic["column"]);
                if (key.Item1 == Codes.AssertFailed.Id && parts.Any(p => !Judged(p.Json, diagnostic)))
                {
                    // An assert some part did not judge is not judged by the whole run either (MergeAsserts): nor is its failure reported.
                    continue;
                }

                if (key.Item1 == Codes.AssertFailed.Id && FailedAssert(part.Json, diagnostic) is { } assert)
                {
                    // The message names the first failing points of the whole grid: rebuilt from the parts' failing points, once the part's own message rebuilds exactly.
                    if (FailedMessage(assert, assert["failingPoints"] as JArray ?? []) != (string?)diagnostic["message"])
                    {
                        refusals.Add(Refuse(Codes.NotAPart, part.Source, "\"diagnostics\"", $"{part.Source.Path}: the failed assert at line {key.Item3} names its points in a way merge cannot rebuild; run the sweep unsharded"));
                    }

                    if (seen.Add(key))
                    {
                        var failing = parts.SelectMany(p => (FailedAssert(p.Json, diagnostic)?["failingPoints"] as JArray) ?? []).ToList();
                        var rebuilt = (JObject)diagnostic.DeepClone();
                        rebuilt["message"] = FailedMessage(assert, new JArray(failing.Select(f => f.DeepClone())));
                        kept.Add(rebuilt);
                    }
                }
                else if (seen.Add(key))
                {
                    kept.Add((JObject)diagnostic.DeepClone());
                }
            }
        }

        // As the engine sorts them: by file, then place (line and column give the same order as the offset).
        return new JArray(kept.OrderBy(d => (string?)d["file"], StringComparer.Ordinal).ThenBy(d => (int?)d["line"]).ThenBy(d => (int?)d["column"]));
    }

    /// <summary>Whether <paramref name="part"/> judged the assert <paramref name="diagnostic"/> is at (it lists it, passed or not).</summary>
    private static bool Judged(JObject part, JObject diagnostic) =>
        (part["asserts"] as JArray ?? []).OfType<JObject>().Any(a => (string?)a["file"] == (string?)diagnostic["file"] && Whole(a["line"]) == Whole(diagnostic["line"]));

    private static JObject? FailedAssert(JObject part, JObject diagnostic) =>
        (part["asserts"] as JArray ?? []).OfType<JObject>().FirstOrDefault(a =>
            (string?)a["file"] == (string?)diagnostic["file"] && (int?)a["line"] == (int?)diagnostic["line"] && (bool?)a["passed"] == false);

    private static string FailedMessage(JObject assert, JArray failing)
    {
        var named = failing.OfType<JObject>().Take(ShownPoints).Select(f => string.Join(", ", ((f["inputs"] as JObject)?.Properties() ?? []).Select(p =>
        {
            // A block axis's input is the block's name, a string.
            if (p.Value is JValue { Type: JTokenType.String } block)
            {
                return $"{p.Name} = {(string?)block}";
            }

            var unit = (string?)p.Value["unit"] ?? string.Empty;
            return $"{p.Name} = {NumberText(p.Value["value"])}{(unit.Length == 0 ? string.Empty : " " + unit)}";
        })));
        var more = failing.Count > ShownPoints ? $" and {failing.Count - ShownPoints} more point{(failing.Count - ShownPoints == 1 ? string.Empty : "s")}" : string.Empty;
        return $"assert failed: {(string?)assert["message"]}{(failing.Count == 0 ? string.Empty : " at " + string.Join("; at ", named) + more)}";
    }

    private static string NumberText(JToken? value) => value switch
    {
        JValue { Type: JTokenType.Float } f => NumberFormat.Json((double)f),
        JValue { Type: JTokenType.Integer } i => Convert.ToString(i.Value, CultureInfo.InvariantCulture) ?? string.Empty,
        _ => value?.ToString() ?? string.Empty,
    };

    /// <summary>The JSON as the engine's writer lays it out: two-space indents, numbers as <see cref="NumberFormat.Json"/> writes them.</summary>
    private static string Render(JToken json)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2 })
        {
            Write(writer, json);
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void Write(JsonTextWriter writer, JToken token)
    {
        switch (token)
        {
            case JObject obj:
                writer.WriteStartObject();
                foreach (var property in obj.Properties())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JValue { Type: JTokenType.Float } number:
                writer.WriteRawValue(NumberFormat.Json((double)number));
                break;
            case JValue value:
                value.WriteTo(writer);
                break;
        }
    }

    private static Diagnostic Refuse(DiagnosticCode code, SourceFile source, string? near, string message)
    {
        var at = near is null ? -1 : source.Text.IndexOf(near, StringComparison.Ordinal);
        return new Diagnostic(Severity.Error, code, message, at < 0 ? source.Span(0, 0) : source.Span(at, near!.Length));
    }
}
