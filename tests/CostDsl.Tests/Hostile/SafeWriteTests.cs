using System.Runtime.Versioning;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Hostile;

/// <summary>fmt and eval --out replace a file whole or not at all, and never anything but that file.</summary>
[UnsupportedOSPlatform("windows")]
public class SafeWriteTests
{
    private const string Unformatted = "let   a=1\noutput b = a\n";

    [Test]
    public void FmtOfASpecWhoseTmpNameIsASymlinkLeavesTheLinkedFileUntouched()
    {
        using var folder = new TempFolder();
        var victim = folder.Write("victim.txt", "precious\n");
        var spec = folder.Write("s.cost", Unformatted);
        File.CreateSymbolicLink(spec + ".tmp", victim);

        var outcome = CliRunner.Run("fmt", spec);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Error);
            Assert.That(File.ReadAllText(victim), Is.EqualTo("precious\n"));
            Assert.That(new FileInfo(spec + ".tmp").LinkTarget, Is.EqualTo(victim), "the link stays as it was");
            Assert.That(File.ReadAllText(spec), Is.EqualTo("let a = 1\noutput b = a\n"));
        });
    }

    [Test]
    public void FmtKeepsPermissionsAndAByteOrderMarkAndWritesThroughALink()
    {
        using var folder = new TempFolder();
        var spec = folder.PathOf("s.cost");
        File.WriteAllBytes(spec, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Unformatted)]);
        File.SetUnixFileMode(spec, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var link = folder.PathOf("link.cost");
        File.CreateSymbolicLink(link, spec);

        var outcome = CliRunner.Run("fmt", link);

        var bytes = File.ReadAllBytes(spec);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Error);
            Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(spec), "the link is still a link");
            Assert.That(bytes[..3], Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "the BOM is kept");
            Assert.That(System.Text.Encoding.UTF8.GetString(bytes[3..]), Is.EqualTo("let a = 1\noutput b = a\n"));
            Assert.That(File.GetUnixFileMode(spec), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(Directory.GetFiles(folder.Root, "*.tmp"), Is.Empty);
        });
    }

    /// <summary>The merge writes its index straight into the new file: a writer that fails half-way replaces nothing and leaves nothing.</summary>
    [Test]
    public void AStreamedWriteThatFailsHalfWayLeavesTheTargetAsItWas()
    {
        using var folder = new TempFolder();
        var target = folder.Write("index.json", "the old index\n");

        Assert.Throws<IOException>(() => CostDsl.Files.SafeFile.Write(
            target,
            stream =>
            {
                stream.Write("half a new index"u8);
                throw new IOException("disk full");
            },
            flushToDisk: false));
        var afterFailure = File.ReadAllText(target);
        var left = Directory.GetFiles(folder.Root).Select(Path.GetFileName).ToList();
        CostDsl.Files.SafeFile.Write(target, stream => stream.Write("the new index\n"u8), flushToDisk: false);

        Assert.Multiple(() =>
        {
            Assert.That(afterFailure, Is.EqualTo("the old index\n"));
            Assert.That(left, Is.EqualTo(new[] { "index.json" }), "no temporary file is left");
            Assert.That(File.ReadAllText(target), Is.EqualTo("the new index\n"), "a whole write replaces it");
        });
    }

    [Test]
    public void AReadOnlySpecIsRefused()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("s.cost", Unformatted);
        File.SetUnixFileMode(spec, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var outcome = CliRunner.Run("fmt", spec);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Error, Does.Contain("read-only"));
            Assert.That(File.ReadAllText(spec), Is.EqualTo(Unformatted));
        });
    }

    [Test]
    public void AFailedEvalOutLeavesNoTemporaryFileAndAnExistingTmpIsKept()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("s.cost", "output x = 1\n");
        var target = folder.PathOf("out");
        Directory.CreateDirectory(target);
        var existing = folder.Write("result.json.tmp", "mine\n");

        var failed = CliRunner.Run("eval", spec, "--out", target);
        var written = CliRunner.Run("eval", spec, "--out", folder.PathOf("result.json"));

        Assert.Multiple(() =>
        {
            Assert.That(failed.ExitCode, Is.EqualTo(1));
            Assert.That(failed.Error, Does.Contain("cannot write"));
            Assert.That(written.ExitCode, Is.EqualTo(0));
            Assert.That(File.ReadAllText(existing), Is.EqualTo("mine\n"));
            Assert.That(Directory.GetFiles(folder.Root, ".costdsl-*"), Is.Empty);
            Assert.That(File.Exists(target + ".tmp"), Is.False);
        });
    }
}
