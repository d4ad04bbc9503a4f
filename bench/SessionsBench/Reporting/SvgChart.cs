using System.Globalization;
using System.Security;
using System.Text;
using SessionsServer.Configuration;

namespace SessionsBench.Reporting;

/// <summary>artifacts/bench/results.svg: one horizontal bar of req/s per store and profile, written by hand.</summary>
public static class SvgChart
{
    private const int LabelWidth = 170;
    private const int BarArea = 460;
    private const int ValueWidth = 90;
    private const int RowHeight = 26;
    private const int Top = 44;

    public static string Render(IReadOnlyList<StoreResult> results, DateTimeOffset when)
    {
        var width = LabelWidth + BarArea + ValueWidth;
        var height = Top + (Math.Max(results.Count, 1) * RowHeight) + 30;
        var max = results.Count == 0 ? 1 : Math.Max(results.Max(result => result.Rps), 1);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"13\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Session requests per second by store ({when:yyyy-MM-dd}, same machine, same run)</text>\n");
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            var y = Top + (i * RowHeight);
            var bar = result.Rps / max * BarArea;
            // Colour by profile, so hardened and tutorial read apart at a glance.
            var fill = result.Profile == ServerProfiles.Tutorial ? "#e08a2c" : "#3a78c2";
            svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"{LabelWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\">{Escape(result.Store)} / {Escape(result.Profile)}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{bar:0.#}\" height=\"{RowHeight - 8}\" fill=\"{fill}\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"{LabelWidth + bar + 6:0.#}\" y=\"{y + 15}\">{result.Rps:0} req/s</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"  <text x=\"10\" y=\"{height - 10}\" font-size=\"11\" fill=\"#555\">blue: hardened profile, orange: tutorial profile; bars scaled to the fastest row</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
