#if COSTDSL_NATIVE
using System.CommandLine;

namespace CostDsl.Cli;

/// <summary>
/// <c>costdsl lsp</c> in the Native AOT build: the language server needs the portable build (see CostDsl.Cli.csproj
/// for why), so this says where to find it instead of failing at run time.
/// </summary>
internal static class LspCommand
{
    public static Command Create(CliIO io)
    {
        var command = new Command("lsp", "The language server (in the portable build of costdsl; this native build leaves it out).");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(_ =>
        {
            io.Error.WriteLine("costdsl: the language server is in the portable build (its JSON-RPC library cannot be compiled ahead of time): "
                + "install the CostDsl.Tool package for the 'any' platform, or run 'dotnet costdsl.dll lsp'.");
            return ExitCodes.Failure;
        });
        return command;
    }
}
#endif
