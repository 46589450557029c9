using System.Net;
using System.Text.RegularExpressions;

namespace HookahLounge.Bot.Preview;

/// <summary>
/// Renders a message's Telegram HTML for a web page the way Telegram would: only the tags Telegram supports
/// (b, i, u, s, code, pre, blockquote, tg-spoiler, links to http/https/tg) survive; everything else is text.
/// </summary>
public static partial class TelegramHtml
{
    [GeneratedRegex(@"&lt;(/?)(b|strong|i|em|u|ins|s|strike|del|code|pre|blockquote|tg-spoiler)&gt;", RegexOptions.IgnoreCase)]
    private static partial Regex SimpleTag();

    [GeneratedRegex(@"&lt;a href=&quot;((?:https?|tg)://[^&""<>\s]+)&quot;&gt;(.*?)&lt;/a&gt;", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    public static string ToSafeHtml(string? text)
    {
        // Telegram's entities (&amp; &lt; &gt; &quot;) arrive encoded once; decode them, then encode everything.
        var encoded = WebUtility.HtmlEncode(WebUtility.HtmlDecode(text ?? ""));
        encoded = SimpleTag().Replace(encoded, m => $"<{m.Groups[1].Value}{(m.Groups[2].Value.Equals("tg-spoiler", StringComparison.OrdinalIgnoreCase) ? "span class=\"spoiler\"" : m.Groups[2].Value.ToLowerInvariant())}>"
            .Replace("</span class=\"spoiler\">", "</span>", StringComparison.Ordinal));
        encoded = Link().Replace(encoded, m => $"<a href=\"{m.Groups[1].Value}\" rel=\"noopener noreferrer\" target=\"_blank\">{m.Groups[2].Value}</a>");
        return encoded.Replace("\n", "<br>", StringComparison.Ordinal);
    }
}
