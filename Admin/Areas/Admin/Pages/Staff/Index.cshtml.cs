using Microsoft.AspNetCore.Authorization;
using System.ComponentModel.DataAnnotations;
using HookahLounge.Core.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace HookahLounge.Admin.Areas.Admin.Pages.Staff;

[Authorize(Policy = AdminPolicies.OwnerOnly)]
public sealed class StaffIndexModel(StaffAccounts accounts, IOptions<StaffAccountOptions> options, TimeProvider time) : AdminPageModel
{
    public IReadOnlyList<StaffUser> Users { get; private set; } = [];

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public int PasswordMinLength => options.Value.PasswordMinLength;

    [BindProperty]
    public NewStaffInput New { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Users = await accounts.ListAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(ct);
        }

        var result = await accounts.CreateAsync(New.Login, New.DisplayName, New.Password, New.Role, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", Describe(result.Error));
            return await RedisplayAsync(ct);
        }

        TempData["Flash"] = $"Сотрудник {result.User!.Login} добавлен.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUpdateAsync(int id, StaffRole role, bool isActive, CancellationToken ct)
    {
        if (!Enum.IsDefined(role))
        {
            TempData["Flash"] = "Неизвестная роль — ничего не изменено.";
            return RedirectToPage();
        }

        var result = await accounts.UpdateAsync(id, role, isActive, ct);
        TempData["Flash"] = result.Succeeded ? $"Сохранено: {result.User!.Login}." : Describe(result.Error);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTelegramAsync(int id, string? telegramUserId, CancellationToken ct)
    {
        long? value = null;
        if (!string.IsNullOrWhiteSpace(telegramUserId))
        {
            if (!long.TryParse(telegramUserId.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                TempData["Flash"] = "Telegram ID — это число, его показывает, например, @userinfobot. Ничего не изменено.";
                return RedirectToPage();
            }

            value = parsed;
        }

        var result = await accounts.SetTelegramUserIdAsync(id, value, ct);
        TempData["Flash"] = result.Succeeded
            ? value is null ? $"Telegram отвязан от {result.User!.Login}." : $"Telegram привязан к {result.User!.Login}: кнопки в чате персонала доступны."
            : Describe(result.Error);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnlockAsync(int id, CancellationToken ct)
    {
        var result = await accounts.UnlockAsync(id, ct);
        TempData["Flash"] = result.Succeeded ? $"{result.User!.Login} разблокирован." : Describe(result.Error);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync(int id, string? password, CancellationToken ct)
    {
        var result = await accounts.SetPasswordAsync(id, password ?? "", ct);
        TempData["Flash"] = result.Succeeded ? $"Пароль {result.User!.Login} изменён; прежние входы завершены." : Describe(result.Error);
        return RedirectToPage();
    }

    public static string RoleName(StaffRole role) => role switch
    {
        StaffRole.Owner => "Владелец",
        StaffRole.Manager => "Менеджер",
        _ => "Сотрудник",
    };

    private string Describe(StaffAccountError error) => error switch
    {
        StaffAccountError.LoginInvalid => "Логин: 3–64 символа — латинские буквы, цифры, точка, дефис или подчёркивание.",
        StaffAccountError.LoginTaken => "Такой логин уже занят.",
        StaffAccountError.PasswordTooShort => $"Пароль должен быть не короче {PasswordMinLength} символов.",
        StaffAccountError.DisplayNameMissing => "Укажите имя.",
        StaffAccountError.NotFound => "Сотрудник не найден — возможно, его уже удалили.",
        StaffAccountError.LastOwner => "Нельзя отключить или понизить последнего владельца.",
        StaffAccountError.TelegramIdTaken => "Этот Telegram уже привязан к другому сотруднику или указан неверно.",
        _ => "Не удалось сохранить изменения.",
    };

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        New.Password = "";
        Users = await accounts.ListAsync(ct);
        return Page();
    }

    public sealed class NewStaffInput
    {
        [Required(ErrorMessage = "Введите логин.")]
        [StringLength(64)]
        public string Login { get; set; } = "";

        [Required(ErrorMessage = "Укажите имя.")]
        [StringLength(100)]
        public string DisplayName { get; set; } = "";

        [EnumDataType(typeof(StaffRole), ErrorMessage = "Неизвестная роль.")]
        public StaffRole Role { get; set; } = StaffRole.Staff;

        [Required(ErrorMessage = "Введите пароль.")]
        [StringLength(256)]
        public string Password { get; set; } = "";
    }
}
