using System.Threading.Channels;

namespace CostDsl.Hosting;

/// <summary>
/// Tells that something changed under the watched folders, once they have been quiet for a while.
/// It does not say what: the next pass compares fingerprints, which also covers what a watcher can
/// miss (an overflow, a folder renamed, an import edited through a link). Changes inside the output
/// folder are ignored, or every index write would start another pass.
/// </summary>
internal sealed class ChangeWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> watchers = [];
    private readonly Channel<bool> changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly string ignored;

    public ChangeWatcher(IEnumerable<string> folders, string ignoredFolder)
    {
        ignored = Path.TrimEndingDirectorySeparator(Path.GetFullPath(ignoredFolder)) + Path.DirectorySeparatorChar;
        foreach (var folder in folders.Distinct(StringComparer.Ordinal).Where(Directory.Exists))
        {
            var watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, e) => Changed(e.FullPath);
            watcher.Created += (_, e) => Changed(e.FullPath);
            watcher.Deleted += (_, e) => Changed(e.FullPath);
            watcher.Renamed += (_, e) =>
            {
                Changed(e.OldFullPath);
                Changed(e.FullPath);
            };
            watcher.Error += (_, _) => changes.Writer.TryWrite(true);
            watcher.EnableRaisingEvents = true;
            watchers.Add(watcher);
        }
    }

    /// <summary>Returns once a change has been seen and no other followed for <paramref name="quiet"/>.</summary>
    public async Task WaitAsync(TimeSpan quiet, CancellationToken cancellation)
    {
        await changes.Reader.ReadAsync(cancellation).ConfigureAwait(false);
        while (true)
        {
            using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            window.CancelAfter(quiet);
            try
            {
                await changes.Reader.ReadAsync(window.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        foreach (var watcher in watchers)
        {
            watcher.Dispose();
        }
    }

    private void Changed(string path)
    {
        if (!path.StartsWith(ignored, StringComparison.Ordinal) && path + Path.DirectorySeparatorChar != ignored)
        {
            changes.Writer.TryWrite(true);
        }
    }
}
