using System.Globalization;
using System.Net;
using System.Text;

namespace HookahLounge.Admin.Areas.Admin.Pages.Analytics;

/// <summary>One table of figures: the page shows it and the CSV export writes exactly these cells.</summary>
public sealed record ReportTable(string Key, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public string ToCsv()
    {
        var csv = new StringBuilder();
        foreach (var row in new[] { Columns }.Concat(Rows))
        {
            csv.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    public static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A figure with up to one decimal, e.g. hours or days ("1242", "7.5").</summary>
    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Duration(TimeSpan? span) => span is { } value ? value.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : "—";
}

/// <summary>Charts drawn on the server as SVG: no script, no CDN, readable with the table beside them.</summary>
public static class SvgChart
{
    private const int Width = 720;
    private const int Height = 220;

    /// <summary>A bar per label; labels are thinned out when there are many.</summary>
    public static string Bars(string title, IReadOnlyList<(string Label, double Value)> bars)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\"><title>{Encode(title)}</title>");
        var max = bars.Count == 0 ? 0 : bars.Max(b => b.Value);
        if (bars.Count > 0 && max > 0)
        {
            const int left = 50, bottom = 30, top = 10;
            var plot = Height - bottom - top;
            var step = (Width - left - 10) / (double)bars.Count;
            var every = Math.Max(1, (int)Math.Ceiling(bars.Count / 12.0));
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{top + 10}\" font-size=\"11\" fill=\"#999\">{Encode(Short(max))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{Height - bottom}\" x2=\"{Width - 10}\" y2=\"{Height - bottom}\" stroke=\"#666\"/>");
            for (var i = 0; i < bars.Count; i++)
            {
                var h = bars[i].Value / max * plot;
                var x = left + i * step;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{x + step * 0.1:0.#}\" y=\"{Height - bottom - h:0.#}\" width=\"{Math.Max(1, step * 0.8):0.#}\" height=\"{h:0.#}\" fill=\"#d08a3c\"><title>{Encode(bars[i].Label)}: {Encode(Short(bars[i].Value))}</title></rect>");
                if (i % every == 0)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + step / 2:0.#}\" y=\"{Height - 12}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#999\">{Encode(bars[i].Label)}</text>");
                }
            }
        }
        else
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" fill=\"#999\">нет данных</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Rows × columns of counts, darker where busier.</summary>
    public static string Heatmap(string title, IReadOnlyList<string> rows, IReadOnlyList<string> columns, int[,] values)
    {
        const int left = 40, top = 20, cell = 26;
        var width = left + columns.Count * cell + 4;
        var height = top + rows.Count * cell + 4;
        var max = values.Cast<int>().DefaultIfEmpty(0).Max();
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart heatmap\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\"><title>{Encode(title)}</title>");
        for (var c = 0; c < columns.Count; c++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + c * cell + cell / 2}\" y=\"{top - 6}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#999\">{Encode(columns[c])}</text>");
        }

        for (var r = 0; r < rows.Count; r++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{top + r * cell + 17}\" font-size=\"11\" fill=\"#999\">{Encode(rows[r])}</text>");
            for (var c = 0; c < columns.Count; c++)
            {
                var v = values[r, c];
                var opacity = max == 0 ? 0 : 0.08 + 0.92 * v / max;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{left + c * cell}\" y=\"{top + r * cell}\" width=\"{cell - 2}\" height=\"{cell - 2}\" fill=\"#d08a3c\" fill-opacity=\"{opacity:0.##}\"><title>{Encode(rows[r])} {Encode(columns[c])}: {v}</title></rect>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Short(double value) => value.ToString("#,0.##", CultureInfo.GetCultureInfo("ru-RU"));

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
