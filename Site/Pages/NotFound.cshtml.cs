using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HookahLounge.Site.Pages;

/// <summary>Friendly page for 4xx status codes re-executed by the status code pages middleware.</summary>
[IgnoreAntiforgeryToken]
public sealed class NotFoundModel : PageModel
{
    public int Code { get; private set; } = 404;

    public void OnGet([FromQuery] int? code) => Code = code ?? 404;

    public void OnPost([FromQuery] int? code) => OnGet(code);
}
