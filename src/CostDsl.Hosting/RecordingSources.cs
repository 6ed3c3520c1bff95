using System.Security.Cryptography;
using System.Text;
using CostDsl.Modules;
using CostDsl.Semantics;
using CostDsl.Text;

namespace CostDsl.Hosting;

/// <summary>
/// Passes lookups through and notes each file found with the hash of its text: the inputs of one run. One per run,
/// written by the run's one thread; what it noted is read once the run has ended (<see cref="SpecResult.Reads"/>).
/// </summary>
internal sealed class RecordingSources(SourceProvider inner, ReadSnapshot? snapshot = null) : SourceProvider
{
    private readonly List<SpecInput> inputs = [];
    private readonly List<(string From, string To)> edges = [];

    public IReadOnlyList<SpecInput> Inputs => inputs;

    /// <summary>Which file imported which (locations), each once, in the order they were resolved.</summary>
    public IReadOnlyList<(string From, string To)> Edges => edges;

    /// <summary>The same reads by location.</summary>
    public InputLookup Lookup { get; } = new();

    public void Record(SourceFile file)
    {
        // A pass's snapshot hashes each file once, not once per spec that imports it.
        if (Lookup.AddFile(file.Location, (snapshot, file), static s => s.snapshot?.TextHash(s.file) ?? Hash(s.file.Text), out var hash))
        {
            inputs.Add(new SpecInput(file.Location, hash));
        }
    }

    public override SourceLookup Resolve(string importPath, SourceFile importer)
    {
        var found = inner.Resolve(importPath, importer);
        if (found.File is { } file)
        {
            Replayed(importer, file);
        }

        return found;
    }

    public override Semantics.ImportClosures? Closures => inner.Closures;

    /// <summary>A lookup the assembler replayed is an input of the run as much as one it asked for.</summary>
    public override void Replayed(SourceFile importer, SourceFile found)
    {
        Record(found);
        if (Lookup.AddImport(importer.Location, found.Location))
        {
            edges.Add((importer.Location, found.Location));
        }
    }

    /// <summary>Room for a replay's files made once: grown by doubling, the lists and the lookup rehashed a chain's thousands of entries again and again.</summary>
    public override void Replaying(int files)
    {
        inputs.EnsureCapacity(inputs.Count + files);
        edges.EnsureCapacity(edges.Count + files);
        Lookup.MakeRoom(files);
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
