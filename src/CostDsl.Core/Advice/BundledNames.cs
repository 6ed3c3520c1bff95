using CostDsl.Modules;
using System.Collections.Frozen;
using CostDsl.Diagnostics;
using CostDsl.Parsing;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Advice;

/// <summary>
/// Every name the bundled library (std/, the repository's rules/) declares, with the file that
/// declares it, so that an unknown name can say which import would define it. Built once per process,
/// on the first unknown name, from the embedded files; never again per error. Immutable once built.
/// </summary>
public sealed class BundledNames
{
    private static readonly Lazy<BundledNames> Shared = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    private BundledNames(IReadOnlyList<(string Name, string File)> declared)
    {
        Declared = declared;
        FileOf = declared.GroupBy(d => d.Name, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First().File, StringComparer.Ordinal);
        Index = new SuggestionIndex(declared.Select(d => d.Name));
    }

    /// <summary>The bundled names of this process (parsed on first use).</summary>
    public static BundledNames Instance => Shared.Value;

    /// <summary>Each name with its file, in file then declaration order (the prelude left out: it is always loaded).</summary>
    public IReadOnlyList<(string Name, string File)> Declared { get; }

    /// <summary>The std/ path of the file that declares a name.</summary>
    public FrozenDictionary<string, string> FileOf { get; }

    public SuggestionIndex Index { get; }

    private static BundledNames Build()
    {
        var declared = new List<(string, string)>();
        foreach (var path in BundledLibrary.Paths.Where(p => p != BundledLibrary.Prelude))
        {
            if (BundledLibrary.Read(path) is not { } text)
            {
                continue;
            }

            // The library's own diagnostics are not the user's: a bundled file that fails to parse (a
            // test keeps them clean) just contributes the declarations that did parse.
            var tree = Parser.ParseFile(new SourceFile(path, text), new DiagnosticBag());
            foreach (var declaration in tree.Declarations)
            {
                if (NameOf(declaration) is { } name)
                {
                    declared.Add((name, path));
                }
            }
        }

        return new BundledNames(declared);
    }

    private static string? NameOf(Decl declaration) => declaration switch
    {
        LetDecl let => let.Name,
        BlockDecl block => block.Name,
        UnitDecl unit => unit.Name,
        FnDecl fn => fn.Name,
        OutputDecl output => output.Name,
        _ => null,
    };
}
