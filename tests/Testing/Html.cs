using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace HookahLounge.Testing;

public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    public static async Task<IDocument> ReadHtmlAsync(this HttpResponseMessage response) => Parse(await response.Content.ReadAsStringAsync());

    /// <summary>The antiforgery token of the first form on the page.</summary>
    public static string AntiforgeryToken(this IDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page has no antiforgery token.");
}
