using CostDsl.Modules;
using CostDsl.Semantics;
using CostDsl.Text;

namespace CostDsl.Tooling.Diffing;

/// <summary>One side of a diff: the root spec and where its imports are read from (the working tree, or a git revision).</summary>
public sealed record DiffSide(SourceFile File, SourceProvider Sources);
