using System.Globalization;
using System.Net;
using System.Text;
using CostDsl.Diagnostics;
using CostDsl.Output;
using CostDsl.Runtime;
using CostDsl.Tooling.Explaining;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CostDsl.Reporting;

/// <summary>
/// <c>costdsl report</c>'s HTML: one self-contained file (styles and the plotting scripts inline, no
/// fonts or data fetched) with, per file, the outputs table, a distribution plot of every uncertain
/// output, a chart of every swept output, the sensitivity tornado, asserts, diagnostics, each output's
/// derivation as collapsible steps, and the settings of the run. The plots are Vega-Lite
/// specifications rendered in the page by the embedded Vega; the page records how many it drew and any
/// error in <c>#render-status</c>, which it also shows to the reader when a plot failed. The same run
/// gives the same bytes: no time or machine name is written.
/// </summary>
public static class HtmlReport
{
    public static string Write(IReadOnlyList<ReportSection> sections, ReportSettings settings)
    {
        var html = new StringBuilder();
        var plots = new List<(string Id, string Kind, JObject Spec)>();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<title>costdsl report: ").Append(Encode(string.Join(", ", sections.Select(s => s.Result.File)))).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>costdsl report</h1>\n")
            .Append("<p id=\"render-status\" class=\"problem\" hidden></p>\n");
        Settings(html, settings);
        foreach (var section in sections)
        {
            Section(html, section, plots);
        }

        foreach (var (id, _, spec) in plots)
        {
            // A JSON island: "</" is escaped so no value can end the script element.
            html.Append("<script type=\"application/json\" id=\"").Append(id).Append("-spec\">")
                .Append(spec.ToString(Formatting.None).Replace("</", "<\\/", StringComparison.Ordinal)).Append("</script>\n");
        }

        html.Append("<!-- Vega ").Append(ReportAssets.Vega).Append(":\n").Append(Comment(ReportAssets.Read(ReportAssets.VegaLicence)))
            .Append("\nVega-Lite ").Append(ReportAssets.VegaLite).Append(":\n").Append(Comment(ReportAssets.Read(ReportAssets.VegaLiteLicence))).Append("\n-->\n");
        html.Append("<script>").Append(Script(ReportAssets.Read(ReportAssets.Vega))).Append("</script>\n");
        html.Append("<script>").Append(Script(ReportAssets.Read(ReportAssets.VegaLite))).Append("</script>\n");
        html.Append("<script>\n").Append(Render).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Settings(StringBuilder html, ReportSettings settings)
    {
        html.Append("<section><h2>Settings</h2>\n<table class=\"settings\">\n");
        foreach (var (name, value) in settings.Rows())
        {
            html.Append("<tr><th>").Append(Encode(name)).Append("</th><td><code>").Append(Encode(value)).Append("</code></td></tr>\n");
        }

        html.Append("</table></section>\n");
    }

    private static void Section(StringBuilder html, ReportSection section, List<(string Id, string Kind, JObject Spec)> plots)
    {
        var result = section.Result;
        html.Append("<section class=\"file\"><h2><code>").Append(Encode(result.File)).Append("</code>")
            .Append(section.Scenario is { } scenario ? $" — scenario <code>{Encode(scenario)}</code>" : string.Empty).Append("</h2>\n");
        if (result.Evaluation is { } evaluation)
        {
            Outputs(html, evaluation);
            var swept = evaluation.Axes.Count > 0;
            if (!swept && evaluation.Outputs.Select(o => (Output: o, Spec: PlotSpecs.Distribution(o, evaluation.Layout, 0))).Where(p => p.Spec is not null).ToList() is { Count: > 0 } distributions)
            {
                html.Append("<h3>Distributions</h3>\n<p class=\"note\">Each uncertain output's samples in 30 equal bins; the dashed lines mark its 5th percentile, median and 95th percentile.</p>\n");
                foreach (var (output, spec) in distributions)
                {
                    Plot(html, plots, "distribution", output.Name, spec!);
                }
            }

            if (swept)
            {
                html.Append("<h3>Sweeps</h3>\n");
                foreach (var output in evaluation.Outputs)
                {
                    if (PlotSpecs.Sweep(output, evaluation) is { } spec)
                    {
                        Plot(html, plots, "sweep", output.Name, spec);
                    }
                }
            }

            if (result.Sensitivity is { } sensitivity)
            {
                html.Append("<h3>Sensitivity</h3>\n<p class=\"note\">First-order share of the variance of <code>").Append(Encode(sensitivity.Output))
                    .Append("</code> that each uncertain input explains; shares need not add up to 100% (the rest is interaction).</p>\n");
                Plot(html, plots, "tornado", sensitivity.Output, PlotSpecs.Tornado(sensitivity));
            }

            Asserts(html, evaluation);
        }

        Diagnostics(html, result.Diagnostics);
        if (section.Derivations.Count > 0)
        {
            html.Append("<h3>Derivations</h3>\n<p class=\"note\">How each output was computed (<code>costdsl explain</code>), down to its assumptions.</p>\n");
            foreach (var root in section.Derivations)
            {
                html.Append("<div class=\"tree\">");
                Node(html, root, open: true);
                html.Append("</div>\n");
            }
        }

        html.Append("</section>\n");
    }

    private static void Outputs(StringBuilder html, Evaluation evaluation)
    {
        html.Append("<h3>Outputs</h3>\n<table class=\"outputs\">\n<tr>");
        foreach (var axis in evaluation.Axes)
        {
            html.Append("<th>").Append(Encode(axis.Path)).Append("</th>");
        }

        html.Append("<th>output</th><th>value (uncertain: p5 .. p95 (median))</th></tr>\n");
        for (var point = 0; point < evaluation.Layout.Points; point++)
        {
            foreach (var output in evaluation.Outputs)
            {
                html.Append("<tr>");
                foreach (var (axis, value) in evaluation.Inputs(point))
                {
                    html.Append("<td>").Append(Encode(axis.Text(value))).Append("</td>");
                }

                html.Append("<td><code>").Append(Encode(output.Name)).Append("</code></td><td class=\"number\">")
                    .Append(Encode(OutputText.Cell(output, evaluation.Layout, point))).Append("</td></tr>\n");
            }
        }

        html.Append("</table>\n");
    }

    private static void Asserts(StringBuilder html, Evaluation evaluation)
    {
        if (evaluation.Asserts.Count == 0)
        {
            return;
        }

        html.Append("<h3>Asserts</h3>\n<ul class=\"asserts\">\n");
        foreach (var assert in evaluation.Asserts)
        {
            html.Append("<li class=\"").Append(assert.Passed ? "pass" : "fail").Append("\"><strong>").Append(assert.Passed ? "pass" : "FAIL").Append("</strong> ")
                .Append(Encode(assert.Message)).Append(" <span class=\"where\">(").Append(Encode($"{assert.File}:{assert.Line}")).Append(")</span>");
            foreach (var point in assert.FailingPoints)
            {
                html.Append("<br>at ").Append(Encode(evaluation.DescribePoint(point)));
            }

            html.Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void Diagnostics(StringBuilder html, IReadOnlyList<Diagnostic> diagnostics)
    {
        html.Append("<h3>Diagnostics</h3>\n");
        if (diagnostics.Count == 0)
        {
            html.Append("<p class=\"note\">none</p>\n");
            return;
        }

        // As costdsl check prints them: file, line, column, code, message and the caret under the source line.
        html.Append("<pre class=\"diagnostics\">").Append(Encode(DiagnosticRenderer.RenderAll(diagnostics))).Append("</pre>\n");
    }

    private static void Node(StringBuilder html, ExplainNode node, bool open)
    {
        var line = Encode(ExplainText.Line(node));
        if (node.Children.Count == 0)
        {
            html.Append("<div class=\"leaf\">").Append(line).Append("</div>");
            return;
        }

        html.Append(open ? "<details open>" : "<details>").Append("<summary>").Append(line).Append("</summary>");
        foreach (var child in node.Children)
        {
            Node(html, child, open: false);
        }

        html.Append("</details>");
    }

    private static void Plot(StringBuilder html, List<(string Id, string Kind, JObject Spec)> plots, string kind, string name, JObject spec)
    {
        var id = "plot-" + (plots.Count + 1).ToString(CultureInfo.InvariantCulture);
        plots.Add((id, kind, spec));
        html.Append("<div class=\"plot\" id=\"").Append(id).Append("\" data-kind=\"").Append(kind).Append("\" data-name=\"").Append(Encode(name)).Append("\"></div>\n");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    // Neither bundle contains it today; a future one that did would end its script element early.
    private static string Script(string code) => code.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);

    private static string Comment(string text) => text.Replace("--", "- -", StringComparison.Ordinal);

    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 60em; color: #222; padding: 0 1em; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05em; margin-top: 1.5em; }
        table { border-collapse: collapse; } th, td { text-align: left; padding: 0.2em 0.8em; border-bottom: 1px solid #eee; }
        td.number { font-variant-numeric: tabular-nums; }
        .note { color: #555; font-size: 0.9em; } .where { color: #777; }
        .pass strong { color: #2a7; } .fail strong { color: #c22; } .problem { color: #c22; font-weight: bold; }
        pre.diagnostics { background: #f6f6f6; padding: 0.8em; overflow-x: auto; }
        .plot { margin: 0.8em 0; min-height: 2em; }
        .tree { font-family: ui-monospace, monospace; font-size: 0.85em; margin-bottom: 0.6em; }
        .tree details, .tree .leaf { margin-left: 1.2em; } .tree > details { margin-left: 0; }
        summary { cursor: pointer; }

        """;

    // Renders every plot, then records in #render-status how many there are, how many drew marks, and
    // any error (console.error, an uncaught error, a failed plot), and shows the errors to the reader.
    private const string Render = """
        (function () {
          var errors = [];
          var original = console.error;
          console.error = function () { errors.push(Array.prototype.join.call(arguments, ' ')); original.apply(console, arguments); };
          window.addEventListener('error', function (e) { errors.push(String(e.message)); });
          var plots = Array.prototype.slice.call(document.querySelectorAll('div.plot'));
          var runs = plots.map(function (el) {
            try {
              var spec = JSON.parse(document.getElementById(el.id + '-spec').textContent);
              var view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'svg', container: el, hover: true });
              return view.runAsync().catch(function (e) { errors.push(el.id + ': ' + e.message); });
            } catch (e) {
              errors.push(el.id + ': ' + e.message);
              return Promise.resolve();
            }
          });
          Promise.all(runs).then(function () {
            var drawn = 0;
            plots.forEach(function (el) {
              var marks = el.querySelectorAll('svg .role-mark > path, svg .role-mark > line, svg .role-mark > text').length;
              el.setAttribute('data-marks', String(marks));
              if (marks > 0) { drawn++; }
            });
            var status = document.getElementById('render-status');
            status.setAttribute('data-plots', String(plots.length));
            status.setAttribute('data-drawn', String(drawn));
            status.setAttribute('data-errors', String(errors.length));
            if (errors.length > 0) {
              status.textContent = 'Some plots could not be drawn: ' + errors.join('; ');
              status.hidden = false;
            }
            document.body.setAttribute('data-rendered', 'true');
          });
        })();

        """;
}
