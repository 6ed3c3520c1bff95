using System.Globalization;
using System.Text;
using CsCheck;

namespace CostDsl.Tests.Fuzzing;

/// <summary>
/// CsCheck generators of .cost files, as bytes: well-typed specs with extreme magnitudes (every
/// value's dimension is known, so the checker accepts them and the evaluator is what is tested), and
/// hostile files (deep nesting, huge sweeps, doubling chains, cycles, control bytes, invalid UTF-8,
/// token soup, special imports). Built from CsCheck's combinators, so a failure shrinks to a small file.
/// </summary>
internal static class SpecGenerators
{
    private static readonly string[] Units = ["", "GB", "s", "USD", "FLOP", "token", "W"];

    /// <summary>A well-typed spec: lets of known dimensions, functions, outputs, sweeps and asserts.</summary>
    public static readonly Gen<byte[]> WellTyped =
        Gen.Select(Gen.Int[1, 12], Gen.Int[0, 3], Gen.Int[0, 2], Gen.Bool, Gen.Int[0, int.MaxValue])
            .SelectMany(shape => Gen.Int[0, int.MaxValue].Array[shape.Item1 * 4, shape.Item1 * 4].Select(choices => WellTypedText(shape.Item1, shape.Item2, shape.Item3, shape.Item4, choices)))
            .Select(Encoding.UTF8.GetBytes);

    private static readonly string[] Vocabulary =
    [
        "let", "fn", "output", "assert", "sweep", "in", "to", "if", "then", "else", "import", "unit", "scenario", "model", "hardware",
        "workload", "extends", "a", "b", "x", "f", "(", ")", "[", "]", "{", "}", ",", "=", "+", "-", "*", "/", "^", "<", ">", "==", "and",
        "or", "not", "1", "1e308", "0", "%", "GB", "s", "USD", "\n", "\"m\"", "#", "//", ".", "min", "max", "sum", "mean", "ceil", "P",
        "percentile", "normal", "\r", "\t", "\u00a0", "١٢٣", "s^2147483648", "\"\"",
    ];

    private static readonly string[] Cycles =
    [
        "let a = b\nlet b = a\noutput x = a\n",
        "fn f(x) = g(x)\nfn g(x) = f(x)\noutput y = f(1)\n",
        "fn f(x) = f(x)\noutput y = f(1)\n",
        "unit U = V\nunit V = U\noutput x = 1 U\n",
        "hardware A extends B { memory = 1 GB }\nhardware B extends A { memory = 2 GB }\noutput x = A.memory\n",
        "workload w { a = b\n b = a }\noutput x = w.a\n",
        "import \"a.cost\"\noutput x = 1\n",
        "let a = 1 to 2\nlet b = a + c\nlet c = b\noutput x = c\n",
    ];

    private static readonly string[] SpecialImports =
    [
        "import \"/dev/zero\"\noutput x = 1\n",
        "import \"/dev/stdin\"\noutput x = 1\n",
        "import \"/proc/self/environ\"\noutput x = 1\n",
        "import \"\"\noutput x = 1\n",
        "import \"/\"\noutput x = 1\n",
        "import \"../../../../etc/passwd\"\noutput x = 1\n",
        "import \"std/../../x.cost\"\noutput x = 1\n",
        "import \"\u0000\"\noutput x = 1\n",
    ];

    /// <summary>Files meant to break something: each family of the issue's reproducers, at random sizes.</summary>
    public static readonly Gen<byte[]> Hostile = Gen.OneOf(
        Gen.Int[1, 120_000].Select(n => Utf8($"output x = {new string('(', n)}1{new string(')', n)}\n")),
        Gen.Int[1, 60_000].Select(n => Utf8($"output x = {new string('-', n)}1\n")),
        Gen.Int[1, 60_000].Select(n => Utf8($"output x = 1{string.Concat(Enumerable.Repeat(" + 1", n))}\n")),
        Gen.Int[1, 40_000].Select(n => Utf8($"output x = {new string('[', n)}1{new string(']', n)}\n")),
        Gen.Select(Gen.Int[1, 40], Gen.Bool, Gen.Bool).Select(t => Utf8(DoublingChain(t.Item1, t.Item2, t.Item3))),
        Gen.Select(Gen.Int[1, 70], Gen.Int[1, 3000]).Select(t => Utf8(Sweeps(t.Item1, t.Item2))),
        Gen.Int[1, 30_000].Select(n => Utf8(LongChain(n))),
        Gen.OneOf(Cycles).Select(Utf8),
        Gen.OneOf(SpecialImports).Select(Utf8),
        Gen.Select(WellTyped, Gen.Byte.Array[1, 12], Gen.Int[0, int.MaxValue]).Select(t => Splice(t.Item1, t.Item2, t.Item3)),
        Gen.Select(WellTyped, Gen.Int[0, int.MaxValue]).Select(t => Truncate(t.Item1, t.Item2)),
        Gen.OneOf(Vocabulary).Array[1, 80].Select(tokens => Utf8(string.Join(" ", tokens))),
        Gen.Byte.Array[0, 400]);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string WellTypedText(int lets, int functions, int sweeps, bool uncertain, int[] choices)
    {
        var text = new StringBuilder();
        var dims = new List<string>();
        var next = 0;
        int Pick(int n) => n <= 0 ? 0 : choices[next++ % choices.Length] % n;
        string Literal(string unit) => unit.Length == 0 ? PickNumber(Pick(1000)) : $"{PickNumber(Pick(1000))} {unit}";

        for (var f = 0; f < functions; f++)
        {
            text.Append(CultureInfo.InvariantCulture, $"fn g{f}(x) = {(f == 0 ? "x * 2 + x" : $"g{f - 1}(x) + g{f - 1}(x) / 2")}\n");
        }

        for (var i = 0; i < lets; i++)
        {
            var unit = Units[Pick(Units.Length)];
            dims.Add(unit);
            var same = Enumerable.Range(0, i).Where(j => dims[j] == unit).ToList();
            string Operand() => same.Count > 0 && Pick(2) == 0 ? $"v{same[Pick(same.Count)]}" : Literal(unit);
            var value = Pick(9) switch
            {
                0 => $"{Operand()} + {Operand()}",
                1 => $"{Operand()} - {Operand()}",
                2 => $"{Operand()} * {PickNumber(Pick(1000))}",
                3 => $"{Operand()} / {PickNumber(Pick(1000))}",
                4 => $"max({Operand()}, {Operand()})",
                5 when uncertain => $"{Literal(unit)} to {Literal(unit)}",
                6 when functions > 0 => $"g{Pick(functions)}({Operand()})",
                7 => $"if {Operand()} > {Operand()} then {Operand()} else {Operand()}",
                8 when unit.Length == 0 => $"ceil({Operand()}) ^ {Pick(4)}",
                _ => Operand(),
            };
            text.Append(CultureInfo.InvariantCulture, $"let v{i} = {value}\n");
        }

        for (var s = 0; s < sweeps && s < lets; s++)
        {
            var target = Pick(lets);
            if (text.ToString().Contains($"sweep v{target} ", StringComparison.Ordinal))
            {
                continue;
            }

            var values = Enumerable.Range(0, 1 + Pick(4)).Select(_ => Literal(dims[target]));
            text.Append(CultureInfo.InvariantCulture, $"sweep v{target} in [{string.Join(", ", values)}]\n");
        }

        for (var i = 0; i < lets; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"output o{i} = v{i}{(dims[i] == "GB" && Pick(2) == 0 ? " in MB" : string.Empty)}\n");
        }

        if (lets > 1 && dims[0] == dims[1])
        {
            text.Append(uncertain ? "assert P(v0 <= v1) >= 0% \"p\"\n" : "assert v0 <= v1 or v0 > v1 \"total\"\n");
        }

        return text.ToString();

        string PickNumber(int i) => NumberAt(i);
    }

    private static readonly string[] Numbers =
    [
        "0", "1", "2", "3.5", "0.5", "10", "1000", "1e6", "1e308", "1.7976931348623157e308", "1e-308", "5e-324", "1e300",
        "1e-300", "123456789012345678901234567890", "9007199254740993", "0.000001", "1e154", "7", "42",
    ];

    private static string NumberAt(int i) => Numbers[i % Numbers.Length];

    private static string DoublingChain(int length, bool uncertain, bool sharedArguments)
    {
        var text = new StringBuilder("fn f0(x) = x + 1\n");
        for (var i = 1; i <= length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"fn f{i}(x) = f{i - 1}(x) + f{i - 1}({(sharedArguments ? "x" : "x + 0")})\n");
        }

        return text.Append(CultureInfo.InvariantCulture, $"output y = f{length}({(uncertain ? "1 to 2" : "1")})\n").ToString();
    }

    private static string Sweeps(int count, int values)
    {
        var text = new StringBuilder("let u = 1 to 2\n");
        for (var i = 0; i < count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"let s{i} = 1\nsweep s{i} in [{string.Join(", ", Enumerable.Range(1, i == 0 ? values : 2))}]\n");
        }

        return text.Append("output y = s0 * u\n").ToString();
    }

    private static string LongChain(int length)
    {
        var text = new StringBuilder("fn f0(x) = x + 1\n");
        for (var i = 1; i < length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"fn f{i}(x) = f{i - 1}(x) + 1\n");
        }

        return text.Append(CultureInfo.InvariantCulture, $"output y = f{length - 1}(1)\n").ToString();
    }

    /// <summary>Raw bytes (control characters, ESC sequences, invalid UTF-8) spliced into a valid file.</summary>
    private static byte[] Splice(byte[] file, byte[] insert, int at)
    {
        var position = file.Length == 0 ? 0 : at % file.Length;
        return [.. file.AsSpan(0, position), .. insert, .. file.AsSpan(position)];
    }

    private static byte[] Truncate(byte[] file, int at) => file.Length == 0 ? file : file[..(at % file.Length)];
}
