using CostDsl.Functions;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Text;
using CostDsl.Units;

namespace CostDsl.LanguageServer.Analysis;

/// <summary>What a hit refers to, resolved against the program.</summary>
public abstract record Meaning;

public sealed record LetMeaning(LetSymbol Let, CheckedOutput? Output) : Meaning;

/// <summary>A field as <paramref name="Block"/> sees it (it may be inherited: see <see cref="FieldSymbol.DeclaredIn"/>).</summary>
public sealed record FieldMeaning(BlockSymbol Block, FieldSymbol Field) : Meaning;

public sealed record BlockMeaning(BlockSymbol Block) : Meaning;

/// <summary>A unit name, resolved (<see cref="Unit"/>) and, when it is declared in a file, its declaration (for a prefixed name, that of the unit it prefixes).</summary>
public sealed record UnitMeaning(string Name, Unit? Unit, UnitSymbol? Declaration) : Meaning;

public sealed record BuiltinMeaning(BuiltinFunction Function) : Meaning;

public sealed record FunctionMeaning(FnSymbol Function) : Meaning;

public sealed record ParameterMeaning(FnDecl Function, Parameter Parameter) : Meaning;

public sealed record ImportMeaning(ImportDecl Import, SourceFile? File, string? Error) : Meaning;
