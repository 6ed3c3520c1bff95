using System.Diagnostics;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Hostile;

/// <summary>One confinement policy in every command: the spec's folder tree, std/, and --allow-import folders; special files never opened.</summary>
public class ConfinementCommandTests
{
    [TestCase("eval")]
    [TestCase("check")]
    public void AnImportOutsideTheSpecsFolderIsRefusedUnlessAllowed(string command)
    {
        using var folder = new TempFolder();
        folder.Write("rules/team.cost", "let discount = 10%\n");
        var spec = folder.Write("specs/a.cost", "import \"../rules/team.cost\"\noutput d = discount\n");

        var refused = CliRunner.Run(command, spec);
        var allowed = CliRunner.Run(command, spec, "--allow-import", folder.PathOf("rules"));

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(1));
            Assert.That(refused.Error, Does.Contain("CD0004").And.Contain("import '../rules/team.cost' leaves the allowed folders"));
            Assert.That(allowed.ExitCode, Is.EqualTo(0), allowed.Error);
        });
    }

    [Test]
    public void ExplainAndDiffFollowTheSamePolicy()
    {
        using var folder = new TempFolder();
        folder.Write("rules/team.cost", "let discount = 10%\n");
        var spec = folder.Write("specs/a.cost", "import \"../rules/team.cost\"\noutput d = discount\n");

        var explain = CliRunner.Run("explain", spec, "d");
        var diff = CliRunner.Run("diff", spec, spec);
        var explainAllowed = CliRunner.Run("explain", spec, "d", "--allow-import", folder.PathOf("rules"));

        Assert.Multiple(() =>
        {
            Assert.That(explain.Error, Does.Contain("CD0004"));
            Assert.That(diff.Error, Does.Contain("CD0004"));
            Assert.That(explainAllowed.ExitCode, Is.EqualTo(0), explainAllowed.Error);
        });
    }

    [Test]
    public void ProcAndAbsolutePathsOutsideAreRefusedAndNothingIsEchoed()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("a.cost", "import \"/proc/self/environ\"\nimport \"/dev/zero\"\noutput x = 1\n");

        var outcome = CliRunner.Run("eval", spec);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Error, Does.Contain("CD0004"));
            Assert.That(outcome.Error, Does.Not.Contain("PATH="));
        });
    }

    [Test]
    public void SpecsInSharedMemoryAreOrdinaryFiles()
    {
        // /dev/shm is a tmpfs where CI keeps work; only /dev's devices are kernel views.
        Assume.That(Directory.Exists("/dev/shm"), "no /dev/shm on this system");
        var root = Path.Combine("/dev/shm", "costdsl-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            File.WriteAllText(Path.Combine(root, "part.cost"), "let y = 21\n");
            var spec = Path.Combine(root, "a.cost");
            File.WriteAllText(spec, "import \"part.cost\"\noutput x = y * 2\n");

            var outcome = CliRunner.Run("eval", spec);

            Assert.That((outcome.ExitCode, outcome.Error), Is.EqualTo((0, string.Empty)));
            Assert.That(outcome.Output, Does.Contain("\"value\": 42"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void AFifoIsRefusedBeforeItIsOpenedAsARootOrAnImport()
    {
        using var folder = new TempFolder();
        var fifo = folder.PathOf("pipe.cost");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
        }

        folder.Write("a.cost", "import \"pipe.cost\"\noutput x = 1\n");
        var import = Task.Run(() => CliRunner.RunIn(folder.Root, "eval", "a.cost"));
        var root = Task.Run(() => CliRunner.Run("check", fifo));
        var fmt = Task.Run(() => CliRunner.Run("fmt", fifo));

        Assert.That(Task.WaitAll([import, root, fmt], TimeSpan.FromSeconds(20)), Is.True, "nothing blocks on the FIFO");
        Assert.Multiple(() =>
        {
            Assert.That(import.Result.Error, Does.Contain("not a regular file"));

            // The diagnostic reaches the JSON: it names the import as written, not where this folder lives.
            Assert.That(import.Result.Output + import.Result.Error, Does.Not.Contain(folder.Root));
            Assert.That(root.Result.Error, Does.Contain("not a regular file"));
            Assert.That(fmt.Result.Error, Does.Contain("not a regular file"));
        });
    }

    [Test]
    public void AFileOverTheSizeLimitIsRefusedWithCD0003()
    {
        using var folder = new TempFolder();
        var big = folder.PathOf("big.cost");
        using (var stream = File.Create(big))
        {
            stream.SetLength(Files.SafeRead.DefaultMaxBytes + 1);
        }

        folder.Write("a.cost", "import \"big.cost\"\noutput x = 1\n");
        var outcome = CliRunner.RunIn(folder.Root, "eval", "a.cost");

        Assert.That(outcome.Error, Does.Contain("CD0003").And.Contain("larger than the limit").And.Not.Contain(folder.Root));
    }

    [Test]
    public void ABareCrFileParses()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("a.cost", "let a = 2\routput b = a * 3\r");

        var outcome = CliRunner.Run("eval", spec);

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Error);
    }
}
