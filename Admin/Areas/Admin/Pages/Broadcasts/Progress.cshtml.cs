using HookahLounge.Core.Broadcasts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Broadcasts;

/// <summary>How a broadcast is going; reloads itself while it is under way. Pause, resume and cancel.</summary>
[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class BroadcastProgressModel(BroadcastService broadcasts, TimeProvider time) : AdminPageModel
{
    public const int RefreshSeconds = 3;

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public BroadcastProgress Progress { get; private set; } = null!;

    /// <summary>Telegram asked to slow down and the wait is not over yet.</summary>
    public bool WaitingForTelegram => Progress.Broadcast.PausedUntilUtc is { } until && until > time.GetUtcNow().UtcDateTime;

    public bool Live => Progress.Broadcast.Status is BroadcastStatus.Sending or BroadcastStatus.Scheduled;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await broadcasts.ProgressAsync(Id, ct) is not { } progress)
        {
            return NotFound();
        }

        Progress = progress;
        return Page();
    }

    public async Task<IActionResult> OnPostPauseAsync(CancellationToken ct) => Done(await broadcasts.PauseAsync(Id, ct), "Рассылка приостановлена.");

    public async Task<IActionResult> OnPostResumeAsync(CancellationToken ct) => Done(await broadcasts.ResumeAsync(Id, ct), "Рассылка продолжается.");

    public async Task<IActionResult> OnPostCancelAsync(bool confirm, CancellationToken ct) =>
        !confirm ? Done("Подтвердите отмену галочкой.", "") : Done(await broadcasts.CancelAsync(Id, ct), "Рассылка отменена; неотправленное не уйдёт.");

    private RedirectToPageResult Done(string? error, string success)
    {
        TempData["Flash"] = error ?? success;
        return RedirectToPage(new { Id });
    }

    public static string Duration(TimeSpan? value) => value switch
    {
        null => "—",
        { TotalSeconds: < 1 } => "0 с",
        { TotalMinutes: < 1 } v => $"{v.TotalSeconds:0} с",
        { TotalHours: < 1 } v => $"{(int)v.TotalMinutes} мин {v.Seconds} с",
        var v => $"{(int)v.Value.TotalHours} ч {v.Value.Minutes} мин",
    };
}
