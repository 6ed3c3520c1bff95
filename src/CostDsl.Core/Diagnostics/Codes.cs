namespace CostDsl.Diagnostics;

/// <summary>
/// Every diagnostic code CostDsl reports. Codes never change meaning once released:
/// CD00xx files, CD01xx syntax, CD02xx units and dimensions, CD03xx names, CD04xx evaluation.
/// </summary>
public static class Codes
{
    public static readonly DiagnosticCode FileNotFound = new("CD0001", "file not found");
    public static readonly DiagnosticCode FileUnreadable = new("CD0002", "file cannot be read");
    public static readonly DiagnosticCode LimitExceeded = new("CD0003", "a configured limit was exceeded");
    public static readonly DiagnosticCode ImportOutsideRoot = new("CD0004", "import leaves the allowed folders");
    public static readonly DiagnosticCode StepLimit = new("CD0005", "the spec needs more evaluation steps than the limit");
    public static readonly DiagnosticCode MemoryLimit = new("CD0006", "the spec may hold more memory than the limit");

    public static readonly DiagnosticCode SyntaxError = new("CD0101", "syntax error");
    public static readonly DiagnosticCode ExpectedEndOfLine = new("CD0102", "expected the end of the statement");
    public static readonly DiagnosticCode TooDeep = new("CD0103", "expression nested too deeply");
    public static readonly DiagnosticCode ChainedComparison = new("CD0104", "comparisons do not chain");
    public static readonly DiagnosticCode UnclosedBlock = new("CD0105", "block not closed");
    public static readonly DiagnosticCode InvalidNumber = new("CD0106", "number out of range");

    public static readonly DiagnosticCode DimensionMismatch = new("CD0201", "operands have different dimensions");
    public static readonly DiagnosticCode ConversionMismatch = new("CD0202", "'in' converts to a unit of another dimension");
    public static readonly DiagnosticCode ArgumentDimension = new("CD0203", "argument has the wrong dimension");
    public static readonly DiagnosticCode FieldDimension = new("CD0204", "known field has the wrong dimension");
    public static readonly DiagnosticCode BadExponent = new("CD0205", "exponent must be a dimensionless integer");
    public static readonly DiagnosticCode UnknownUnit = new("CD0206", "unknown unit");
    public static readonly DiagnosticCode PrefixClash = new("CD0207", "name clashes with a prefixed unit");
    public static readonly DiagnosticCode UnitNotConstant = new("CD0208", "unit defined from something other than numbers and units");
    public static readonly DiagnosticCode TypeMismatch = new("CD0209", "value of the wrong kind");

    public static readonly DiagnosticCode UnknownName = new("CD0301", "unknown name");
    public static readonly DiagnosticCode DuplicateName = new("CD0302", "name declared twice");
    public static readonly DiagnosticCode ImportCycle = new("CD0303", "import cycle");
    public static readonly DiagnosticCode ImportNotFound = new("CD0304", "imported file not found");
    public static readonly DiagnosticCode Recursion = new("CD0305", "recursive function");
    public static readonly DiagnosticCode DefinitionCycle = new("CD0306", "definitions depend on each other in a cycle");
    public static readonly DiagnosticCode UnknownField = new("CD0307", "unknown field");
    public static readonly DiagnosticCode UnknownFunction = new("CD0308", "unknown function");
    public static readonly DiagnosticCode ArgumentCount = new("CD0309", "wrong arguments in a call");
    public static readonly DiagnosticCode BadExtends = new("CD0310", "bad 'extends'");
    public static readonly DiagnosticCode BadOverride = new("CD0311", "bad --set override");
    public static readonly DiagnosticCode OutputNotFound = new("CD0312", "output names no let");
    public static readonly DiagnosticCode Unsupported = new("CD0313", "feature not supported here");
    public static readonly DiagnosticCode UnknownScenario = new("CD0314", "unknown scenario");

    public static readonly DiagnosticCode DivisionByZero = new("CD0401", "division by zero");
    public static readonly DiagnosticCode Overflow = new("CD0402", "overflow");
    public static readonly DiagnosticCode NotANumber = new("CD0403", "result is not a number");
    public static readonly DiagnosticCode AssertFailed = new("CD0404", "assert failed");
    public static readonly DiagnosticCode DomainError = new("CD0405", "argument outside the function's domain");
    public static readonly DiagnosticCode UncertainAssert = new("CD0406", "assert on an uncertain condition");
    public static readonly DiagnosticCode BadDistribution = new("CD0407", "distribution with impossible parameters");
    public static readonly DiagnosticCode TrainingDoesNotFit = new("CD0420", "training run does not fit in device memory");

    // CD06xx: `costdsl model import` reading a Hugging Face config.json.
    public static readonly DiagnosticCode NotAModelConfig = new("CD0601", "not a model config.json");
    public static readonly DiagnosticCode UnknownArchitecture = new("CD0602", "model architecture not supported");
    public static readonly DiagnosticCode ConfigFieldMissing = new("CD0603", "config.json lacks a field the architecture needs");

    // CD07xx: sweeps over blocks (Semantics/Checker.BlockSweeps.cs).
    public static readonly DiagnosticCode BlockSweepValue = new("CD0701", "a sweep over blocks has a value that is not a block of its kind");
    public static readonly DiagnosticCode BlockSweepField = new("CD0702", "a swept block lacks a field the spec reads through the sweep");

    // CD08xx: settings that change a dimension, and plausibility warnings (src/CostDsl.Core/Advice).
    public static readonly DiagnosticCode OverrideChangesDimension = new("CD0801", "a setting changes a value's dimension");
    public static readonly DiagnosticCode FractionAboveWhole = new("CD0802", "a fraction above 100%");
    public static readonly DiagnosticCode FractionNotPositive = new("CD0803", "a fraction at or below zero");
    public static readonly DiagnosticCode PueBelowOne = new("CD0804", "a PUE below 1");
    public static readonly DiagnosticCode OverheadNotBelowWhole = new("CD0805", "an overhead at or above 100%");
    // CD0901-CD0949: `costdsl merge` joining the parts of a sharded batch or sweep.
    public static readonly DiagnosticCode PartsDiffer = new("CD0901", "parts made with different settings or engine builds");
    public static readonly DiagnosticCode PartsDoNotTile = new("CD0902", "parts overlap or are missing");
    public static readonly DiagnosticCode NotAPart = new("CD0903", "not a finished part to merge");
    public static readonly DiagnosticCode TooFewPoints = new("CD0904", "more parts than sweep points");

    public static readonly DiagnosticCode InternalError = new("CD0999", "internal error in costdsl");

    /// <summary>All codes, for documentation and tests.</summary>
    public static IReadOnlyList<DiagnosticCode> All { get; } = typeof(Codes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticCode))
        .Select(f => (DiagnosticCode)f.GetValue(null)!)
        .ToArray();
}
