using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Modules;

/// <summary>
/// The bundled library's files already parsed: a compact binary form of their syntax trees, written
/// at build time by src/CostDsl.LibraryBuilder (which runs <see cref="Parser"/> over every std/ file)
/// and embedded in the costdsl tool. Parsing std/hardware/nvidia.cost with the combinator grammar was
/// the largest part of a cold <c>costdsl eval</c>; reading its tree back here is a small fraction of that.
/// </summary>
/// <remarks>
/// A tree is only handed out for a file whose text is exactly the text it was built from (stored
/// beside it), and only files that parsed without a diagnostic are stored, so a run that uses it
/// sees the very tree, spans and (no) diagnostics a fresh parse would give; anything else (an edited
/// file, a stale or damaged form) is answered with null and the caller parses as before. Each file's
/// <see cref="PrecompiledLibraryKnowledge"/> (what ModuleChecks records for it) is stored too, and is
/// told only for the trees this instance served (<see cref="KnowledgeOf"/>: by the tree's identity, never
/// by path), since only for them is the text known to be the one it was learned from. Safe to share
/// between threads: its one table is a ConditionalWeakTable, which lets go of trees no run holds.
/// </remarks>
public sealed partial class PrecompiledLibrary
{
    /// <summary>The name of the embedded resource that holds the form.</summary>
    public const string ResourceName = "std.syntax";

    // Bumped whenever the layout below changes; a form of another version is not read at all.
    private const string Magic = "costdsl-syntax/2";

    // Opens a new stream over the form: each Find reads through a stream of its own (so threads share
    // nothing but the bytes) and the form is never copied (the embedded one stays in the binary's image).
    private readonly Func<Stream> open;
    private readonly IReadOnlyDictionary<string, (int Text, int Tree)> files;
    private readonly IReadOnlyDictionary<string, PrecompiledLibraryKnowledge> knowledge;
    private readonly ConditionalWeakTable<SyntaxTree, PrecompiledLibraryKnowledge> served = [];

    // Each stored text is compared with the file's in UTF-8 by this encoder's rules: a text that cannot be
    // encoded exactly (a lone surrogate) throws and is not served, rather than matching through a replacement.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private PrecompiledLibrary(Func<Stream> open, IReadOnlyDictionary<string, (int Text, int Tree)> files, IReadOnlyDictionary<string, PrecompiledLibraryKnowledge> knowledge)
    {
        this.open = open;
        this.files = files;
        this.knowledge = knowledge;
    }

    /// <summary>The locations (std/...) the form holds a tree for.</summary>
    public IEnumerable<string> Locations => files.Keys.Order(StringComparer.Ordinal);

    /// <summary>The knowledge stored for a location, whatever file is there now; for the builder's test and for seeding a batch's ModuleChecks.</summary>
    public PrecompiledLibraryKnowledge? StoredKnowledge(string location) => knowledge.GetValueOrDefault(location);

    /// <summary>
    /// The knowledge stored for <paramref name="tree"/> when this instance served it (<see cref="Find"/>: its text
    /// is the one the knowledge was learned from); null for any other tree, however it is named.
    /// </summary>
    public PrecompiledLibraryKnowledge? KnowledgeOf(SyntaxTree tree) => served.TryGetValue(tree, out var known) ? known : null;

    /// <summary>Reads the index of a form; null when it is not one (another version, or cut short).</summary>
    public static PrecompiledLibrary? Read(byte[] data) => Read(() => new MemoryStream(data, writable: false));

    private static PrecompiledLibrary? Read(Func<Stream> open)
    {
        try
        {
            using var reader = new BinaryReader(open(), Encoding.UTF8);
            var length = reader.BaseStream.Length;
            if (reader.ReadString() != Magic)
            {
                return null;
            }

            var count = reader.Read7BitEncodedInt();
            if (count < 0 || count > length)
            {
                return null;
            }

            var files = new Dictionary<string, (int, int)>(count, StringComparer.Ordinal);
            var knowledge = new Dictionary<string, PrecompiledLibraryKnowledge>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var location = reader.ReadString();
                var text = reader.ReadInt32();
                var tree = reader.ReadInt32();
                if (text < 0 || text >= length || tree < 0 || tree >= length)
                {
                    return null;
                }

                files[location] = (text, tree);
                if (ReadKnowledge(reader, length) is { } known)
                {
                    knowledge[location] = known;
                }
            }

            return new PrecompiledLibrary(open, files, knowledge);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException)
        {
            return null;
        }
    }

    // A file's knowledge in the index: its fingerprint ("" for none known), then a byte (0 not known clean,
    // 1 clean, 2 clean and drawing samples), then its imports' locations.
    private static PrecompiledLibraryKnowledge? ReadKnowledge(BinaryReader reader, long length)
    {
        var fingerprint = reader.ReadString();
        var state = reader.ReadByte();
        var count = reader.Read7BitEncodedInt();
        if (state > 2 || count < 0 || count > length)
        {
            throw new FormatException("a damaged knowledge entry");
        }

        var imports = ImmutableArray.CreateBuilder<string>(count);
        for (var i = 0; i < count; i++)
        {
            imports.Add(reader.ReadString());
        }

        return fingerprint.Length == 0 ? null : new PrecompiledLibraryKnowledge(fingerprint, state > 0, state == 2, imports.MoveToImmutable());
    }

    private static void WriteKnowledge(BinaryWriter writer, PrecompiledLibraryKnowledge? known)
    {
        writer.Write(known?.Fingerprint ?? string.Empty);
        writer.Write((byte)(known is { KnownClean: true } ? (known.DrawsSamples ? 2 : 1) : 0));
        var imports = known?.Imports ?? [];
        writer.Write7BitEncodedInt(imports.Length);
        foreach (var import in imports)
        {
            writer.Write(import);
        }
    }

    /// <summary>The form embedded in <paramref name="assembly"/>, or null when it has none.</summary>
    /// <remarks>
    /// Read in place through the resource's own stream (over the loaded image), not copied out: a cold run
    /// reads the index and the trees it imports, and copying the whole form (150 KB) was pages of fresh heap
    /// touched for nothing (bench/aot/phases.sh).
    /// </remarks>
    public static PrecompiledLibrary? FromResource(System.Reflection.Assembly assembly) =>
        assembly.GetManifestResourceInfo(ResourceName) is null
            ? null
            : Read(() => assembly.GetManifestResourceStream(ResourceName) ?? throw new IOException($"the resource {ResourceName} went away"));

    /// <summary>
    /// The parsed tree of <paramref name="file"/> with spans into that very file, or null when the form
    /// has none for its location or was built from another text (then the caller parses it).
    /// </summary>
    public SyntaxTree? Find(SourceFile file)
    {
        if (!files.TryGetValue(file.Location, out var at))
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(open(), Encoding.UTF8);
            reader.BaseStream.Position = at.Text;
            if (!SameText(reader, file.Text))
            {
                return null;
            }

            reader.BaseStream.Position = at.Tree;
            var tree = new TreeReader(reader, file).ReadTree();
            if (knowledge.TryGetValue(file.Location, out var known))
            {
                served.Add(tree, known);
            }

            return tree;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException or InvalidDataException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the string <see cref="BinaryWriter.Write(string)"/> stored at the reader's position (a byte
    /// count, then UTF-8) is <paramref name="text"/>, compared a chunk at a time without reading it into a
    /// string: for nvidia.cost that string was 70 KB allocated at every start only to be compared. Leaves
    /// the position anywhere.
    /// </summary>
    private static bool SameText(BinaryReader reader, string text)
    {
        var length = reader.Read7BitEncodedInt();
        if (length != StrictUtf8.GetByteCount(text))
        {
            return false;
        }

        var encoder = StrictUtf8.GetEncoder();
        Span<byte> encoded = stackalloc byte[1024];
        Span<byte> stored = stackalloc byte[1024];
        var chars = text.AsSpan();
        var completed = false;
        while (!completed)
        {
            encoder.Convert(chars, encoded, flush: true, out var used, out var written, out completed);
            chars = chars[used..];
            reader.BaseStream.ReadExactly(stored[..written]);
            if (!stored[..written].SequenceEqual(encoded[..written]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The form of <paramref name="trees"/> (each parsed from its file without a diagnostic), as <see cref="Read"/>
    /// reads it, with what ModuleChecks records for each location <paramref name="knowledge"/> has.
    /// </summary>
    public static byte[] Write(IReadOnlyList<SyntaxTree> trees, IReadOnlyDictionary<string, PrecompiledLibraryKnowledge>? knowledge = null)
    {
        // Texts and trees first, into a body; the index (the header) that points into it goes before it.
        using var body = new MemoryStream();
        using var bodyWriter = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true);
        var offsets = new List<(string Location, int Text, int Tree)>();
        foreach (var tree in trees)
        {
            var text = (int)body.Position;
            bodyWriter.Write(tree.File.Text);
            var at = (int)body.Position;
            new TreeWriter(bodyWriter).WriteTree(tree);
            offsets.Add((tree.File.Location, text, at));
        }

        bodyWriter.Flush();

        // The header's size depends on the offsets, which depend on the header's size: write it once
        // to learn its size (offsets are fixed-width), then again with the offsets moved past it.
        var header = Header(offsets, 0, knowledge);
        header = Header(offsets, header.Length, knowledge);
        return [.. header, .. body.ToArray()];
    }

    private static byte[] Header(List<(string Location, int Text, int Tree)> offsets, int shift, IReadOnlyDictionary<string, PrecompiledLibraryKnowledge>? knowledge)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write7BitEncodedInt(offsets.Count);
        foreach (var (location, text, tree) in offsets)
        {
            writer.Write(location);
            writer.Write(text + shift);
            writer.Write(tree + shift);
            WriteKnowledge(writer, knowledge?.GetValueOrDefault(location));
        }

        writer.Flush();
        return stream.ToArray();
    }

    // Node tags. Declarations and expressions share one numbering so that a damaged form cannot read one as the other.
    private enum Tag : byte
    {
        Import = 1,
        Block,
        Field,
        Let,
        Fn,
        Unit,
        Output,
        Assert,
        Scenario,
        Sweep,
        Number = 32,
        Quantity,
        Name,
        Member,
        Call,
        List,
        Paren,
        Unary,
        Binary,
        Range,
        If,
        Convert,
    }
}
