using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HookahLounge.Admin;

/// <summary>
/// Base of every back-office page: signed-in staff only. Pages for a higher role add their own
/// <see cref="AuthorizeAttribute"/>, and both must pass. A test walks all admin pages to keep it so.
/// </summary>
[Authorize(Policy = AdminPolicies.AnyStaff)]
public abstract class AdminPageModel : PageModel;
