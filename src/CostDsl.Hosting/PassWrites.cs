using System.Collections.Concurrent;

namespace CostDsl.Hosting;

/// <summary>
/// The files one batch pass writes (results, stamps, input records), each without a flush of its own,
/// made durable together before the index names them: three fsyncs a spec were about a fifth of a
/// batch's CPU time, one syncfs(2) a pass is next to nothing (<see cref="DiskSync"/>).
/// <para>
/// Why this serves no stale result: a process that is killed loses nothing it wrote (the files are in
/// the kernel's cache, each renamed into place whole), so only a crash of the machine can lose or tear
/// a file written since the last flush. Every stamp and input record ever written is a true statement
/// (these result bytes were computed from inputs with this fingerprint; the text with this hash imports
/// these files), and each is checked against the bytes on disk before it is believed: a stamp only
/// vouches for a result that hashes to what it names, from inputs that hash to what their records say.
/// A lost, old or torn stamp or record therefore costs a re-evaluation, never a stale result. The index
/// is the one file that is believed without a check, so it is written (and flushed) only after the
/// pass's files are durable, and an index of an earlier pass is removed, durably, before the first file
/// it may list is replaced: a crash then leaves no index, or one whose every file is whole.
/// </para>
/// </summary>
internal sealed class PassWrites(string index)
{
    private readonly ConcurrentQueue<string> written = new();
    private readonly ConcurrentDictionary<string, bool> folders = new(StringComparer.Ordinal);
    private readonly Lock retiring = new();
    private bool retired;

    public bool Any => !written.IsEmpty;

    /// <summary>Before the pass's first write: the index of an earlier pass goes, durably (once a pass; nothing when there is none).</summary>
    public void BeforeWrite()
    {
        if (Volatile.Read(ref retired))
        {
            return;
        }

        lock (retiring)
        {
            if (!retired && File.Exists(index))
            {
                File.Delete(index);
                DiskSync.FlushFolder(Path.GetDirectoryName(index) ?? ".");
            }

            Volatile.Write(ref retired, true);
        }
    }

    /// <summary>Writes <paramref name="text"/> whole to <paramref name="path"/> (<see cref="AtomicFile"/>), unflushed, after <see cref="BeforeWrite"/>.</summary>
    public void Write(string path, string text)
    {
        BeforeWrite();

        // Each folder is made once a pass, not asked for again before every file (a mkdir and a stat a file).
        var folder = Path.GetDirectoryName(path) ?? ".";
        if (!folders.ContainsKey(folder))
        {
            Directory.CreateDirectory(folder);
            folders[folder] = true;
        }

        AtomicFile.WriteInto(path, text, flushToDisk: false);
        written.Enqueue(path);
    }

    /// <summary>Makes every file written so far durable (one syncfs on Linux; elsewhere a flush of each that is still there).</summary>
    public void MakeDurable(string folder)
    {
        if (!written.IsEmpty)
        {
            DiskSync.Flush(folder, [.. written]);
        }
    }
}
