using System.Collections.Immutable;

namespace CostDsl.Modules;

/// <summary>
/// What <see cref="Semantics.ModuleChecks"/> records for one bundled module, worked out at build time by
/// src/CostDsl.LibraryBuilder and stored beside its tree in the precompiled library, so that a single cold
/// run knows the bundled library checks clean without hashing anything (SHA-256 on Linux loads libssl and
/// libcrypto, which cost a cold start more than the check it saved).
/// </summary>
/// <param name="Fingerprint">The module's closure fingerprint (its text, the prelude's and its imports' fingerprints), as ModuleChecks computes it.</param>
/// <param name="KnownClean">Whether ModuleChecks records the closure as checking clean.</param>
/// <param name="DrawsSamples">When clean: whether anything in the closure draws samples.</param>
/// <param name="Imports">
/// The locations its imports resolved to when it was learned, in the order loaded: the fingerprint holds
/// only for a tree whose imports are the library's own trees of these locations (checked by identity).
/// </param>
public sealed record PrecompiledLibraryKnowledge(string Fingerprint, bool KnownClean, bool DrawsSamples, ImmutableArray<string> Imports)
{
    /// <summary>The same knowledge: records compare an ImmutableArray by reference, this compares the locations.</summary>
    public bool SameAs(PrecompiledLibraryKnowledge other) =>
        Fingerprint == other.Fingerprint && KnownClean == other.KnownClean && DrawsSamples == other.DrawsSamples && Imports.SequenceEqual(other.Imports, StringComparer.Ordinal);

    public override string ToString() => $"{Fingerprint} clean={KnownClean} draws={DrawsSamples} imports=[{string.Join(", ", Imports)}]";
}
