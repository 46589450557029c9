using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace HookahLounge.Core.Broadcasts;

/// <summary>
/// The subset of HTML Telegram accepts in a message (b, strong, i, em, u, ins, s, strike, del, code, pre,
/// blockquote, tg-spoiler, span class="tg-spoiler", a href="http(s)://…"). Checked before anything is saved,
/// because Telegram refuses a whole message over one stray tag; rendered for the admin preview as the guest will see it.
/// </summary>
public static partial class BroadcastHtml
{
    private static readonly HashSet<string> Simple = ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "blockquote", "tg-spoiler"];

    [GeneratedRegex(@"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"^\s+href\s*=\s*""([^""]*)""\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Href();

    [GeneratedRegex(@"^\s+class\s*=\s*""tg-spoiler""\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SpoilerClass();

    [GeneratedRegex(@"&(?!(?:amp|lt|gt|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});)", RegexOptions.CultureInvariant)]
    private static partial Regex BareAmpersand();

    /// <summary>Null when Telegram will accept <paramref name="html"/>; otherwise a short reason in Russian for staff.</summary>
    public static string? Validate(string html)
    {
        var open = new Stack<string>();
        var position = 0;
        foreach (Match match in Tag().Matches(html))
        {
            if (CheckText(html[position..match.Index]) is { } textError)
            {
                return textError;
            }

            position = match.Index + match.Length;
            var closing = match.Groups[1].Value == "/";
            var name = match.Groups[2].Value.ToLowerInvariant();
            var attributes = match.Groups[3].Value;
            if (closing)
            {
                if (attributes.Trim().Length > 0 || open.Count == 0 || open.Peek() != name)
                {
                    return $"Тег </{name}> закрыт не по порядку или лишний.";
                }

                open.Pop();
                continue;
            }

            switch (name)
            {
                case var simple when Simple.Contains(simple) && attributes.Trim().Length == 0:
                    break;
                case "span" when SpoilerClass().IsMatch(attributes):
                    break;
                case "a" when Href().Match(attributes) is { Success: true } href:
                    if (!IsWebAddress(WebUtility.HtmlDecode(href.Groups[1].Value)))
                    {
                        return "Ссылка в тексте должна начинаться с http:// или https://.";
                    }

                    break;
                default:
                    return $"Тег <{name}{(attributes.Length > 0 ? " …" : "")}> Telegram не поддерживает. Можно: b, i, u, s, code, pre, blockquote, tg-spoiler, a href.";
            }

            open.Push(name);
        }

        if (CheckText(html[position..]) is { } tailError)
        {
            return tailError;
        }

        return open.Count > 0 ? $"Тег <{open.Peek()}> не закрыт." : null;
    }

    private static string? CheckText(string text) =>
        text.Contains('<') || text.Contains('>') ? "Знаки < и > в тексте пишите как &lt; и &gt;."
        : BareAmpersand().IsMatch(text) ? "Знак & в тексте пишите как &amp;."
        : null;

    /// <summary>An absolute http or https address, e.g. for a URL button.</summary>
    public static bool IsWebAddress(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    /// <summary>The length Telegram counts: the text without its tags, entities decoded.</summary>
    public static int VisibleLength(string html) => PlainText(html).Length;

    /// <summary>The text without tags (for SMS and length limits).</summary>
    public static string PlainText(string html) => WebUtility.HtmlDecode(Tag().Replace(html, ""));

    /// <summary>Validated Telegram HTML as safe web HTML for the preview (spoilers greyed, links not followed by accident).</summary>
    public static string ToPreviewHtml(string html)
    {
        if (Validate(html) is not null)
        {
            return WebUtility.HtmlEncode(html).Replace("\n", "<br>", StringComparison.Ordinal);
        }

        var result = new StringBuilder();
        var position = 0;
        var open = new Stack<string>();
        foreach (Match match in Tag().Matches(html))
        {
            result.Append(html[position..match.Index]);
            position = match.Index + match.Length;
            var closing = match.Groups[1].Value == "/";
            var name = match.Groups[2].Value.ToLowerInvariant();
            if (closing)
            {
                result.Append(open.Pop());
                continue;
            }

            switch (name)
            {
                case "tg-spoiler" or "span":
                    result.Append("<span class=\"spoiler\">");
                    open.Push("</span>");
                    break;
                case "a":
                    var href = WebUtility.HtmlDecode(Href().Match(match.Groups[3].Value).Groups[1].Value);
                    result.Append("<a href=\"").Append(WebUtility.HtmlEncode(href)).Append("\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">");
                    open.Push("</a>");
                    break;
                default:
                    result.Append('<').Append(name).Append('>');
                    open.Push($"</{name}>");
                    break;
            }
        }

        result.Append(html[position..]);
        return result.ToString().Replace("\n", "<br>", StringComparison.Ordinal);
    }
}
