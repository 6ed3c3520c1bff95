using CostDsl.LanguageServer.Analysis;
using CostDsl.LanguageServer.Protocol;
using CostDsl.LanguageServer.Workspace;
using CostDsl.Text;

namespace CostDsl.LanguageServer.Features;

/// <summary>
/// Go to definition: a let, block, field, unit, function or parameter to its declaration, an import
/// to its file. Declarations in the bundled library are given as costdsl-std: locations, which the
/// editor opens read-only through the costdsl/stdFile request. A builtin has no file: no location.
/// </summary>
public static class DefinitionProvider
{
    public static Location? Definition(Meaning meaning) => meaning switch
    {
        LetMeaning let => At(let.Let.NameSpan),
        FieldMeaning field => At(field.Field.NameSpan),
        BlockMeaning block => At(block.Block.NameSpan),
        UnitMeaning { Declaration: { } unit } => At(unit.NameSpan),
        FunctionMeaning fn => At(fn.Function.NameSpan),
        ParameterMeaning parameter => At(parameter.Parameter.Span),
        ImportMeaning { File: { } file } => new Location(DocumentUris.FromLocation(file.Location), new Protocol.Range(new Position(0, 0), new Position(0, 0))),
        _ => null,
    };

    private static Location At(SourceSpan span) =>
        new(DocumentUris.FromLocation(span.File.Location), new TextLines(span.File.Text).Range(span));
}
