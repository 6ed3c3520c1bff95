using CostDsl.Cli;
using CostDsl.Modules;

namespace CostDsl.Tests.Support;

/// <summary>The precompiled library the costdsl tool embeds (std.syntax), as a run reads it.</summary>
public static class EmbeddedLibrary
{
    public static PrecompiledLibrary Read() =>
        PrecompiledLibrary.FromResource(typeof(CliApp).Assembly) ?? throw new AssertionException("the costdsl assembly embeds no readable std.syntax");
}
