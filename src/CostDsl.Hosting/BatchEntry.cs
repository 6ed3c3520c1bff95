using CostDsl.Output;
using Newtonsoft.Json;

namespace CostDsl.Hosting;

/// <summary>
/// What the batch knows of one result: the spec, its result file, what the result says, and the
/// fingerprint of every input it was computed from (null when it must be recomputed next time, as
/// after a timeout or an internal error). Stored beside the result as its stamp (<see cref="ResultStamps"/>).
/// </summary>
/// <param name="File">The spec, relative to the input folder, with forward slashes.</param>
/// <param name="Result">Its JSON, relative to the output folder.</param>
/// <param name="Status"><c>ok</c>, <c>error</c> or <c>assert-failed</c>.</param>
/// <param name="Inputs">The spec, <c>./x.cost</c> relative to the input folder: what it imports, and what those import, is in <see cref="InputGraph"/>'s records.</param>
public sealed record BatchEntry(string File, string Result, string Status, int Outputs, int Diagnostics, string? Fingerprint, IReadOnlyList<string> Inputs)
{
    public const string Ok = "ok";
    public const string Error = "error";
    public const string AssertFailed = "assert-failed";

    public bool Failed => Status != Ok;

    /// <summary>The SHA-256 of the result file's bytes as written: a stamp vouches only for exactly that result.</summary>
    public string? ResultSha256 { get; init; }

    /// <summary>
    /// The one writer of an entry's fields (<c>file result status outputs diagnostics fingerprint</c>), as
    /// the index lists it; a <paramref name="stamp"/> adds the hash of the result after <c>result</c> and
    /// the inputs at the end. The index and the stamps each wrote them out, and had to be kept in step.
    /// </summary>
    internal void Write(JsonOut json, bool stamp)
    {
        json.String("file", File).String("result", Result);
        if (stamp)
        {
            json.String("resultSha256", ResultSha256);
        }

        json.String("status", Status).Integer("outputs", Outputs).Integer("diagnostics", Diagnostics).String("fingerprint", Fingerprint);
        if (stamp)
        {
            json.Array("inputs", Inputs, input => json.String(input));
        }
    }

    /// <summary>
    /// The one reader of an entry as the index and a stamp write it, from the reader's current position
    /// (the object's start, or the start of a new reader) to the object's end: a field missing, or of another kind
    /// than written, reads as empty or zero, so a damaged record fails the caller's checks rather than
    /// being trusted. Unknown fields are skipped. Read as a stream, not as a tree: a merge reads every
    /// entry of every part's index, and building their trees (JObject) was a third of its time.
    /// </summary>
    internal static BatchEntry Read(JsonReader json)
    {
        if (json.TokenType == JsonToken.None)
        {
            json.Read();
        }

        if (json.TokenType != JsonToken.StartObject)
        {
            throw new FormatException($"an entry is {json.TokenType}, not an object");
        }

        string? file = null, result = null, status = null, fingerprint = null, resultSha256 = null;
        int outputs = 0, diagnostics = 0;
        // An index's entries list no inputs (only a stamp does): ten thousand empty lists were made for nothing.
        List<string>? inputs = null;
        while (json.Read() && json.TokenType == JsonToken.PropertyName)
        {
            switch ((string)json.Value!)
            {
                case "file": file = JsonFields.Text(json); break;
                case "result": result = JsonFields.Text(json); break;
                case "resultSha256": resultSha256 = JsonFields.Text(json); break;
                case "status": status = JsonFields.Text(json); break;
                case "outputs": outputs = JsonFields.Count(json); break;
                case "diagnostics": diagnostics = JsonFields.Count(json); break;
                case "fingerprint": fingerprint = JsonFields.Text(json); break;
                case "inputs": JsonFields.Strings(json, inputs ??= []); break;
                default: JsonFields.Skip(json); break;
            }
        }

        if (json.TokenType != JsonToken.EndObject)
        {
            throw new FormatException("an entry ends before its object does");
        }

        return new BatchEntry(file ?? string.Empty, result ?? string.Empty, status ?? string.Empty, outputs, diagnostics, fingerprint, inputs ?? []) { ResultSha256 = resultSha256 };
    }
}
