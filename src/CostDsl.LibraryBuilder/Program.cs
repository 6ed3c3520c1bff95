using CostDsl.Diagnostics;
using CostDsl.Modules;
using CostDsl.Parsing;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.LibraryBuilder;

/// <summary>
/// <c>CostDsl.LibraryBuilder OUT</c>: parses every std/ file the Core assembly embeds, with the same parser
/// and the same text a run would see, and writes their trees to OUT in <see cref="PrecompiledLibrary"/>'s form.
/// A file that does not parse cleanly is left out, so a run parses it and reports its diagnostics as before.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: CostDsl.LibraryBuilder OUT");
            return 2;
        }

        var trees = new List<SyntaxTree>();
        foreach (var path in BundledLibrary.Paths)
        {
            // As FileSystemSources serves a std/ import: path and location are both std/...
            var file = new SourceFile(path, BundledLibrary.Read(path) ?? string.Empty);
            var diagnostics = new DiagnosticBag();
            var tree = Parser.ParseFile(file, diagnostics);
            if (diagnostics.Items.Count == 0)
            {
                trees.Add(tree);
            }
            else
            {
                Console.Error.WriteLine($"CostDsl.LibraryBuilder: {path} has diagnostics; it is left out and parsed at run time");
            }
        }

        var form = PrecompiledLibrary.Write(trees);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[0]))!);
        File.WriteAllBytes(args[0], form);

        Console.WriteLine($"CostDsl.LibraryBuilder: {trees.Count} std/ files parsed into {args[0]} ({form.Length:N0} bytes)");
        return 0;
    }
}
