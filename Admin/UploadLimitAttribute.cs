using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Admin;

/// <summary>
/// Caps the request body of a page's posts before anything reads it. A body announced as larger is turned
/// back with a flash message and a redirect without reading a byte; one that turns out larger on the way
/// (no length given) is cut off by the server's body-size limit. Razor Pages ignore filters on handler
/// methods, so this goes on the page model.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitAttribute(long maxBytes, string message) : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>After the sign-in check, before antiforgery (order 1000), which reads the form for its token.</summary>
    public int Order => 500;

    public long MaxBytes => maxBytes;

    public Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || context.Result is not null)
        {
            return Task.CompletedTask;
        }

        if (http.Request.ContentLength > maxBytes)
        {
            var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
            tempData["Flash"] = message;
            tempData.Save();

            // The unread body is not wanted: the connection is closed rather than drained.
            http.Response.Headers.Connection = "close";
            // Back to the page the form was on (e.g. the item's own page), without the handler that refused it.
            var query = QueryString.Create(http.Request.Query.Where(q => !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase)));
            context.Result = new RedirectResult(http.Request.PathBase + http.Request.Path + query);
            return Task.CompletedTask;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        return Task.CompletedTask;
    }
}
