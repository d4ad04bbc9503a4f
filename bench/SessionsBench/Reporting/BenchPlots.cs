using ScottPlot;
using SessionsServer.Configuration;

namespace SessionsBench.Reporting;

/// <summary>The plots a person reads instead of the tables, written by ScottPlot as SVG (and PNG); a section that did not run has none.</summary>
public static class BenchPlots
{
    private const int Width = 900;
    private const int Height = 480;

    /// <returns>The SVG files written, relative to <paramref name="directory"/>.</returns>
    public static IReadOnlyList<string> Write(BenchResults results, string directory)
    {
        var written = new List<string>();
        void Save(Plot? plot, string name)
        {
            if (plot is not null)
            {
                plot.SaveSvg(Path.Combine(directory, name + ".svg"), Width, Height);
                plot.SavePng(Path.Combine(directory, name + ".png"), Width, Height);
                written.Add(name + ".svg");
            }
        }

        var date = results.Started.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Save(GroupedBars(
            $"Requests per second by store and profile ({date}, one run)", "req/s",
            [.. results.Peers.Select(row => (row.Store, row.Profile, row.Rps))]), "peers");
        Save(Curves(
            $"Concurrency: req/s by sessions ({date})", "sessions", "req/s", log: 2,
            [.. results.Concurrency.Select(row => ($"{row.Store}/{row.Profile}", (double)row.Sessions, row.Rps))]), "concurrency");
        Save(Curves(
            $"Concurrency: p99 by sessions ({date})", "sessions", "p99 ms", log: 2,
            [.. results.Concurrency.Select(row => ($"{row.Store}/{row.Profile}", (double)row.Sessions, row.Latency.P99Ms))]), "concurrency-p99");
        Save(Curves(
            $"Growth: req/s by stored sessions ({date})", "stored sessions", "req/s", log: 10,
            [.. results.Growth.Select(row => ($"{row.Store}/{row.Profile}", (double)row.Rows, row.Rps))]), "growth");
        Save(GroupedBars(
            $"p99 without and during a sweep of expired rows ({date})", "p99 ms",
            [
                .. results.Sweeps.SelectMany(row => new[]
                {
                    ($"{row.Store}/{row.Profile}", "without sweep", row.Without.P99Ms),
                    ($"{row.Store}/{row.Profile}", "during sweep", row.During.P99Ms),
                }),
            ]), "sweep");
        return written;
    }

    /// <summary>One group of bars per category (a store), one bar per series (a profile) in a fixed colour.</summary>
    private static Plot? GroupedBars(string title, string valueLabel, IReadOnlyList<(string Category, string Series, double Value)> points)
    {
        if (points.Count == 0)
        {
            return null;
        }

        var categories = points.Select(point => point.Category).Distinct().ToList();
        var series = points.Select(point => point.Series).Distinct().ToList();
        var plot = new Plot();
        var width = 0.8 / series.Count;
        var bars = new List<Bar>();
        foreach (var point in points)
        {
            var colour = SeriesColour(point.Series, series.IndexOf(point.Series));
            bars.Add(new Bar
            {
                Position = categories.IndexOf(point.Category) - 0.4 + (width * (series.IndexOf(point.Series) + 0.5)),
                Value = point.Value,
                Size = width * 0.9,
                FillColor = colour,
                Label = point.Value.ToString("0", System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        plot.Add.Bars(bars);
        foreach (var (name, index) in series.Select((name, index) => (name, index)))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, FillColor = SeriesColour(name, index) });
        }

        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Bottom.SetTicks([.. categories.Select((_, index) => (double)index)], [.. categories]);
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.Title(title);
        plot.YLabel(valueLabel);
        return plot;
    }

    /// <summary>One line per series over a logarithmic x axis (ticks at the measured x values, labelled as they are).</summary>
    private static Plot? Curves(string title, string xLabel, string yLabel, double log, IReadOnlyList<(string Series, double X, double Y)> points)
    {
        if (points.Count == 0)
        {
            return null;
        }

        var plot = new Plot();
        // One colour per store, dashed for the tutorial profile: a store's two lines read as a pair.
        var stores = points.Select(point => point.Series.Split('/')[0]).Distinct().ToList();
        foreach (var series in points.Select(point => point.Series).Distinct())
        {
            var index = stores.IndexOf(series.Split('/')[0]);
            var line = points.Where(point => point.Series == series).OrderBy(point => point.X).ToList();
            var scatter = plot.Add.Scatter(line.Select(point => Math.Log(point.X, log)).ToArray(), line.Select(point => point.Y).ToArray());
            scatter.LegendText = series;
            scatter.Color = new ScottPlot.Palettes.Category10().GetColor(index);
            // Marker shapes, not dash patterns, tell the profiles apart: Skia's SVG canvas cannot draw dashes (and says so on stdout).
            var tutorial = series.EndsWith("/" + ServerProfiles.Tutorial, StringComparison.Ordinal);
            scatter.MarkerShape = tutorial ? MarkerShape.OpenSquare : MarkerShape.FilledCircle;
            scatter.LineWidth = tutorial ? 1 : 2;
            scatter.MarkerSize = 7;
        }

        var xs = points.Select(point => point.X).Distinct().Order().ToList();
        plot.Axes.Bottom.SetTicks([.. xs.Select(x => Math.Log(x, log))], [.. xs.Select(x => x.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))]);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Title(title);
        plot.XLabel(xLabel + " (log scale)");
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>Profiles keep their colours across plots (tutorial orange, hardened blue); anything else takes the palette.</summary>
    private static Color SeriesColour(string series, int index) =>
        series == ServerProfiles.Tutorial ? Color.FromHex("#e08a2c")
        : series == ServerProfiles.Hardened ? Color.FromHex("#3a78c2")
        : new ScottPlot.Palettes.Category10().GetColor(index);
}
