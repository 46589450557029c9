namespace HookahLounge.Admin.Areas.Admin.Pages.Account;

public sealed class AccessDeniedModel : AdminPageModel
{
    public void OnGet()
    {
    }
}
