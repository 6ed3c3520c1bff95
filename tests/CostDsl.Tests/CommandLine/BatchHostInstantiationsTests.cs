using System.Diagnostics.Tracing;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.CommandLine;

/// <summary>
/// src/CostDsl.Cli/aot/di.rd.xml lists the generic types the batch host's container closes at run time, so that
/// the Native AOT build compiles them instead of building them on every start (a third of a small batch's time).
/// The list is checked against what the container builds while `costdsl batch` runs, read from the container's
/// own event source: a type missing from the file would silently cost the start-up again, one listed but no longer
/// built is a stale line.
/// </summary>
[TestFixture]
[NonParallelizable]
public partial class BatchHostInstantiationsTests
{
    private const string Source = "Microsoft-Extensions-DependencyInjection";

    [Test]
    public void TheAheadOfTimeListIsWhatTheBatchHostBuilds()
    {
        using var folder = new TempFolder();
        folder.Write("in/a.cost", "output a = 1\n");

        List<string> built;
        using (var listener = new CallSites())
        {
            var run = CliRunner.Run("batch", "--in", folder.PathOf("in"), "--out", folder.PathOf("out"));
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
            built = listener.ClosedGenericImplementations();
        }

        var listed = Listed();
        Assert.Multiple(() =>
        {
            Assert.That(built, Is.Not.Empty, "the container reported nothing: the events were not read, so the test proves nothing");
            Assert.That(built.Except(listed), Is.Empty, "built by the batch host at run time but not listed in src/CostDsl.Cli/aot/di.rd.xml");
            Assert.That(listed.Except(built), Is.Empty, "listed in src/CostDsl.Cli/aot/di.rd.xml but no longer built by the batch host");
        });
    }

    /// <summary>The file's types in the container's spelling: <c>Outer`1[Argument]</c>, without assembly names.</summary>
    private static List<string> Listed()
    {
        var file = XDocument.Load(Repository.PathTo("src", "CostDsl.Cli", "aot", "di.rd.xml"));
        return [.. file.Descendants().Where(e => e.Name.LocalName == "Type").Select(e => AssemblyName().Replace((string)e.Attribute("Name")!, "[$1]")).Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"\[\[([^,\]]+),[^\]]+\]\]")]
    private static partial Regex AssemblyName();

    [GeneratedRegex(@"""implementationType"":\s*""([^""]+`[^""]+)""")]
    private static partial Regex GenericImplementation();

    /// <summary>The call sites the container reports as it builds them (CallSiteBuilt: a JSON description, sent in chunks when long).</summary>
    private sealed class CallSites : EventListener
    {
        private readonly Lock gate = new();
        private readonly Dictionary<(object? Provider, string Service), StringBuilder> sites = [];

        public List<string> ClosedGenericImplementations()
        {
            lock (gate)
            {
                return [.. sites.Values.SelectMany(text => GenericImplementation().Matches(text.ToString()).Select(m => m.Groups[1].Value)).Distinct().Order(StringComparer.Ordinal)];
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == Source)
            {
                EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName != "CallSiteBuilt" || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
            {
                return;
            }

            object? Field(string name) => names.IndexOf(name) is >= 0 and var i ? payload[i] : null;
            lock (gate)
            {
                var key = (Field("serviceProviderHashCode"), (string)Field("serviceType")!);
                if (!sites.TryGetValue(key, out var text) || Field("chunkIndex") is 0)
                {
                    sites[key] = text = new StringBuilder();
                }

                text.Append((string?)Field("callSite"));
            }
        }
    }
}
