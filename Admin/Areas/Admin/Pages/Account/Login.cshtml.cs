using Microsoft.AspNetCore.Authorization;
using System.ComponentModel.DataAnnotations;
using HookahLounge.Core.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HookahLounge.Admin.Areas.Admin.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(AdminPolicies.LoginRateLimit)]
public sealed class LoginModel(StaffAccounts accounts) : PageModel
{
    public const string InvalidOrLocked = "Неверный логин или пароль. После нескольких неудачных попыток вход блокируется на время.";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = SafeReturnUrl(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = SafeReturnUrl(returnUrl);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await accounts.SignInAsync(Input.Login, Input.Password, ct);
        switch (result.Outcome)
        {
            case SignInOutcome.Succeeded:
                await HttpContext.SignInAsync(
                    CookieAuthenticationDefaults.AuthenticationScheme,
                    AdminRegistration.PrincipalFor(result.User!),
                    new AuthenticationProperties { IsPersistent = false });
                return LocalRedirect(ReturnUrl ?? "/admin");
            case SignInOutcome.Inactive:
                ModelState.AddModelError("", "Учётная запись отключена. Обратитесь к владельцу.");
                break;
            default:
                // Unknown login, wrong password and lockout read the same, so nobody can probe which logins exist.
                ModelState.AddModelError("", InvalidOrLocked);
                break;
        }

        Input.Password = "";
        return Page();
    }

    /// <summary>Only paths inside this site, so the login page cannot be used to bounce people elsewhere.</summary>
    private string? SafeReturnUrl(string? returnUrl) => returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : null;

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Введите логин.")]
        [StringLength(64, ErrorMessage = "Логин не длиннее 64 символов.")]
        public string Login { get; set; } = "";

        [Required(ErrorMessage = "Введите пароль.")]
        [StringLength(256, ErrorMessage = "Пароль слишком длинный.")]
        public string Password { get; set; } = "";
    }
}
