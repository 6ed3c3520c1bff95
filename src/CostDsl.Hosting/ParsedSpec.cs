using CostDsl.Diagnostics;
using CostDsl.Syntax;

namespace CostDsl.Hosting;

/// <summary>The syntax of one spec without its imports: the tree (null when the file could not be read) and the syntax diagnostics.</summary>
public sealed record ParsedSpec(SyntaxTree? Tree, IReadOnlyList<Diagnostic> Diagnostics);
