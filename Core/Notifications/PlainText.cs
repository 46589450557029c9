using System.Net;
using System.Text.RegularExpressions;

namespace HookahLounge.Core.Notifications;

/// <summary>Telegram texts are HTML; an SMS carries the same words without the markup.</summary>
public static partial class PlainText
{
    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    public static string FromHtml(string html) => WebUtility.HtmlDecode(Tags().Replace(html, ""));
}
