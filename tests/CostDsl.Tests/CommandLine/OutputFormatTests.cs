using CostDsl.Output;
using CostDsl.Output.Formats;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.CommandLine;

/// <summary>eval's --format comes from the registry of output formats: its choices, its help and what each writes.</summary>
public class OutputFormatTests
{
    [Test]
    public void EveryRegisteredFormatIsAChoiceOfEvalAndNamedInItsHelp()
    {
        var help = CliRunner.Run("eval", "--help");
        Assert.That(OutputFormats.Names, Is.Unique);
        Assert.That(OutputFormats.All.Select(f => f.FileExtension), Is.Unique.And.All.StartsWith("."));
        foreach (var format in OutputFormats.All)
        {
            Assert.That(help.Output, Does.Contain(format.Name), "eval --help names every format");
            var run = CliRunner.Run("eval", "examples/chat.cost", "--format", format.Name);
            // chat.cost's budget assert fails by design (exit 1); a format that is not a choice would be a usage error (exit 2).
            Assert.That(run.ExitCode, Is.LessThan(2), () => $"--format {format.Name}: {run.Error}");
            Assert.That(run.Output, Is.Not.Empty);
        }
    }

    [Test]
    public void AFormatNotRegisteredIsAUsageError()
    {
        var run = CliRunner.Run("eval", "examples/chat.cost", "--format", "yaml");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("yaml"));
    }

    /// <summary>The JSON format is the report every JSON consumer reads, byte for byte.</summary>
    [Test]
    public void TheJsonFormatWritesTheReport()
    {
        var result = Spec.Run("output a = 2 GB in MB");
        Assert.That(OutputFormats.Json.Write([result], OutputOptions.Default), Is.EqualTo(JsonReport.Write(result)));
    }

    [Test]
    public void MarkdownIsATableOfOutputsInReadableUnitsAndTheAsserts()
    {
        var result = Spec.Run("output memory = 80 GB in GB\noutput share = 10% to 30%\nassert memory < 100 GB \"fits | one card\"");
        var markdown = OutputFormats.Find("markdown")!.Write([result], OutputOptions.Default);
        Assert.That(markdown, Does.StartWith("### `spec.cost`\n\n| output | value |\n| --- | --- |\n| `memory` | 80 GB |\n"));
        Assert.That(markdown, Does.Match(@"\| `share` \| 0\.\d+ \(p5 0\.\d+ \.\. p95 0\.\d+\) \|"));
        Assert.That(markdown, Does.Contain("| fits \\| one card (spec.cost:3) | pass |"), "a pipe in a message stays in its cell");
    }

    [Test]
    public void MarkdownGivesEachSweepPointItsColumn()
    {
        var result = Spec.Run("let users = 1000\noutput load = users * 2\nsweep users in [10, 20]");
        var markdown = OutputFormats.Find("markdown")!.Write([result], OutputOptions.Default);
        Assert.That(markdown, Does.Contain("| output | users = 10 | users = 20 |\n| --- | --- | --- |\n| `load` | 20 | 40 |\n"));
    }

    /// <summary>TSV is the CSV table, cell for cell, separated by tabs (what a spreadsheet pastes as columns).</summary>
    [Test]
    public void TsvIsTheCsvTableSeparatedByTabs()
    {
        var result = Spec.Run("let users = 1000\noutput load = users * 2 GB in GB\nsweep users in [10, 20]");
        var tsv = OutputFormats.Find("tsv")!.Write([result], OutputOptions.Default);
        Assert.Multiple(() =>
        {
            Assert.That(tsv, Is.EqualTo("users\tload [GB]\n10\t20\n20\t40\n"));
            Assert.That(tsv, Is.EqualTo(CsvReport.Write(result).Replace(',', '\t')));
        });
    }
}
