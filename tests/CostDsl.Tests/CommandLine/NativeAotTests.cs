using System.Diagnostics;
using System.Runtime.InteropServices;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.CommandLine;

/// <summary>
/// The Native AOT costdsl prints the same bytes as the portable one on every example: AOT changes
/// how the code is compiled, never a number. The AOT binary is published once for the fixture (a few
/// minutes), or taken from COSTDSL_AOT_BINARY when a script has already built it.
/// </summary>
[TestFixture]
[Category("NativeAot")]
[NonParallelizable]
public partial class NativeAotTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    private TempFolder? published;
    private string aotBinary = "";

    public static IEnumerable<string> Examples() =>
        Directory.EnumerateFiles(Repository.PathTo("examples"), "*.cost")
            .Select(path => "examples/" + Path.GetFileName(path))
            .Order(StringComparer.Ordinal);

    [OneTimeSetUp]
    public void PublishOnce()
    {
        var given = Environment.GetEnvironmentVariable("COSTDSL_AOT_BINARY");
        if (!string.IsNullOrEmpty(given))
        {
            Assert.That(File.Exists(given), $"COSTDSL_AOT_BINARY={given} does not exist");
            aotBinary = given;
            return;
        }

        if (RuntimeInformation.RuntimeIdentifier != "linux-x64")
        {
            Assert.Ignore($"The AOT comparison runs on linux-x64; this is {RuntimeInformation.RuntimeIdentifier}.");
        }

        if (!OnPath("clang"))
        {
            Assert.Ignore("Skipped: clang is not installed, so Native AOT cannot link. Run src/CostDsl.Cli/aot/install-prereqs.sh.");
        }

        published = new TempFolder();
        var publish = Run("dotnet", ["publish", Repository.PathTo("src", "CostDsl.Cli"), "-c", "Release", "-r", "linux-x64", "-o", published.Root, "-v", "q", "-nologo"], PublishTimeout);
        Assert.That(publish.ExitCode, Is.EqualTo(0), "dotnet publish -r linux-x64 failed (AOT or trim warnings are errors):\n" + publish.Output + publish.Error);
        aotBinary = published.PathOf("costdsl");
        Assert.That(File.Exists(aotBinary), "the publish wrote no native costdsl");
    }

    [OneTimeTearDown]
    public void Clean() => published?.Dispose();

    [TestCaseSource(nameof(Examples))]
    public void Json_of_every_example_is_byte_identical(string example) => AssertSameBytes("eval", example);

    [Test]
    public void Monte_carlo_sensitivity_and_histogram_are_byte_identical() =>
        AssertSameBytes("eval", "examples/uncertain-serving.cost", "--samples", "20000", "--seed", "7", "--histogram", "--sensitivity", "gpus");

    [Test]
    public void Sweep_and_table_are_byte_identical()
    {
        AssertSameBytes("eval", "examples/chat.cost", "--sweep", "chat.users=[500, 1000, 2000]");
        AssertSameBytes("eval", "examples/uncertain-serving.cost", "--format", "table");
    }

    [Test]
    public void Batch_of_the_examples_writes_the_same_files()
    {
        // The batch runs in the Generic Host, whose generic services the AOT build compiles from aot/di.rd.xml.
        using var folders = new TempFolder();
        var portable = Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "costdsl.dll"), "batch", "--in", "examples", "--out", folders.PathOf("portable")], RunTimeout);
        var aot = Run(aotBinary, ["batch", "--in", "examples", "--out", folders.PathOf("aot")], RunTimeout);
        // The index and the stamps name the engine build (its modules' version ids), and each result's fingerprint includes
        // it, so that a result is made again by another build: they differ between the tests' build (Debug under .ci/run) and
        // the AOT publish by design. Those fields are set aside; every other byte, the results' above all, is compared.
        static byte[] Read(string path) => !path.Contains(".costdsl" + Path.DirectorySeparatorChar + "stamps", StringComparison.Ordinal) && Path.GetFileName(path) != "index.json"
            ? File.ReadAllBytes(path)
            : System.Text.Encoding.UTF8.GetBytes(BuildFields().Replace(File.ReadAllText(path), "\"$1\": \"(this build)\""));
        static Dictionary<string, byte[]> Files(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), Read);
        var want = Files(folders.PathOf("portable"));
        var got = Files(folders.PathOf("aot"));
        Assert.Multiple(() =>
        {
            Assert.That(aot.ExitCode, Is.EqualTo(portable.ExitCode), "exit code of costdsl batch");
            Assert.That(want.Keys.Count(k => k.EndsWith(".cost.json", StringComparison.Ordinal)), Is.GreaterThan(5), "the portable batch wrote a result per example");
            Assert.That(got.Keys.Order(StringComparer.Ordinal), Is.EqualTo(want.Keys.Order(StringComparer.Ordinal)), "the same files");
            foreach (var (name, bytes) in want)
            {
                Assert.That(got.GetValueOrDefault(name), Is.EqualTo(bytes), name);
            }
        });
    }

    [Test]
    public void Diagnostics_and_usage_errors_are_the_same()
    {
        AssertSameBytes("eval", "examples/does-not-exist.cost");
        AssertSameBytes("eval", "--no-such-option");
    }

    private void AssertSameBytes(params string[] args)
    {
        // The portable build is the costdsl.dll beside the tests, run by the dotnet host as a tool user would.
        var portable = Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "costdsl.dll"), .. args], RunTimeout);
        var aot = Run(aotBinary, args, RunTimeout);
        var shown = string.Join(' ', args);
        Assert.Multiple(() =>
        {
            Assert.That(aot.ExitCode, Is.EqualTo(portable.ExitCode), $"exit code of costdsl {shown}");
            Assert.That(aot.Output, Is.EqualTo(portable.Output), $"stdout of costdsl {shown}");
            Assert.That(aot.Error, Is.EqualTo(portable.Error), $"stderr of costdsl {shown}");
        });
        if (args.Length > 1 && args[1].EndsWith(".cost", StringComparison.Ordinal) && File.Exists(Repository.PathTo(args[1])))
        {
            Assert.That(portable.Output, Is.Not.Empty, "the portable build printed nothing, so the comparison proves nothing");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"""(engine|fingerprint)"":\s*""[^""]*""")]
    private static partial System.Text.RegularExpressions.Regex BuildFields();

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, program)));

    private sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs a program in the repository root; stdout is compared as raw bytes, read as Latin-1 so no decoding hides a difference.</summary>
    private static Result Run(string program, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.Latin1,
            StandardErrorEncoding = System.Text.Encoding.Latin1,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + program);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish within {timeout}");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
