using System.Security.Claims;
using HookahLounge.Admin;
using HookahLounge.Bot.Preview;
using HookahLounge.Core.Chats;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Site.Areas.Admin.Pages.Bot;

/// <summary>
/// The bot in the browser: a guest's chat and the staff chat side by side, both talking to the real bot through
/// the in-process stand-in for the Bot API. Every action is a plain form post, so it works without JavaScript;
/// the page's script only refreshes the chats as the bot answers (server-sent events).
/// </summary>
public sealed class IndexModel(IServiceProvider services, ChatSessions sessions) : AdminPageModel
{
    private static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(3);

    public BotPreview? Preview { get; } = services.GetService<BotPreview>();

    public PreviewChat? Guest { get; private set; }

    public IReadOnlyList<PreviewChat> Guests => Preview?.Guests ?? [];

    /// <summary>A <c>/start</c> payload the page was opened with (the preview's stand-in for a <c>t.me/bot?start=…</c> link).</summary>
    public string? StartPayload { get; private set; }

    public void OnGet(long? chat, string? start)
    {
        Guest = Pick(chat);
        StartPayload = ValidPayload(start);
    }

    /// <summary>Telegram's rule for deep-link payloads: up to 64 of A–Z, a–z, 0–9, '_' and '-'.</summary>
    private static string? ValidPayload(string? start) =>
        start is { Length: > 0 and <= 64 } && start.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? start : null;

    /// <summary>Just the two chats, for the page's script to swap in.</summary>
    public IActionResult OnGetTranscript(long? chat)
    {
        Guest = Pick(chat);
        return Partial("_Chats", this);
    }

    public async Task<IActionResult> OnPostNewGuestAsync(string? name, string? language, string? start)
    {
        if (Preview is null)
        {
            return RedirectToPage();
        }

        var guest = Preview.AddGuest(name ?? "", language ?? "ru");
        var payload = ValidPayload(start);
        return await AnswerAsync(guest.Id, () => Preview.SendText(guest.Id, payload is null ? "/start" : $"/start {payload}"));
    }

    public Task<IActionResult> OnPostSayAsync(long chat, string? text) =>
        string.IsNullOrWhiteSpace(text) ? Task.FromResult<IActionResult>(RedirectToPage(new { chat })) : ActAsync(chat, p => p.SendText(chat, text.Trim()[..Math.Min(text.Trim().Length, 4096)]));

    public Task<IActionResult> OnPostPressAsync(long chat, int messageId, string? data) =>
        string.IsNullOrEmpty(data) ? Task.FromResult<IActionResult>(RedirectToPage(new { chat })) : ActAsync(chat, p => p.Press(chat, messageId, data));

    public Task<IActionResult> OnPostShareAsync(long chat, string? phone) =>
        ActAsync(chat, p => p.ShareContact(chat, string.IsNullOrWhiteSpace(phone) ? "+79160000000" : phone.Trim()));

    /// <summary>A staff-chat button, pressed as the signed-in staff member.</summary>
    public Task<IActionResult> OnPostStaffPressAsync(long chat, int messageId, string? data)
    {
        var staffId = int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!, System.Globalization.CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(data) || Preview is null
            ? Task.FromResult<IActionResult>(RedirectToPage(new { chat }))
            : AnswerAsync(chat, () => Preview.Press(BotPreview.StaffChatId, messageId, data, Preview.StaffIdentityFor(staffId)), watch: BotPreview.StaffChatId);
    }

    /// <summary>Starts the guest over: the chat is cleared and the bot forgets where the dialog was.</summary>
    public async Task<IActionResult> OnPostResetAsync(long chat, CancellationToken ct)
    {
        if (Preview?.Find(chat) is { IsStaff: false })
        {
            Preview.Clear(chat);
            await sessions.ResetAsync(chat, ct);
        }

        return RedirectToPage(new { chat });
    }

    private Task<IActionResult> ActAsync(long chat, Func<BotPreview, long> act) =>
        Preview?.Find(chat) is { IsStaff: false } ? AnswerAsync(chat, () => act(Preview)) : Task.FromResult<IActionResult>(RedirectToPage());

    /// <summary>
    /// Hands the action to the bot. A script gets an empty answer at once and follows the chat through events;
    /// a plain form post waits a moment for the bot's answer so the page it is sent back to shows it.
    /// </summary>
    private async Task<IActionResult> AnswerAsync(long chat, Func<long> act, long? watch = null)
    {
        var watched = Preview!.Find(watch ?? chat)!;
        var before = watched.Version;
        act();
        if (Request.Headers.ContainsKey("X-Preview-Script"))
        {
            return new NoContentResult();
        }

        var deadline = DateTime.UtcNow + AnswerWait;
        var seen = watched.Version;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(150, HttpContext.RequestAborted);
            var now = watched.Version;
            if (now > before + 1 && now == seen)
            {
                break;
            }

            seen = now;
        }

        return RedirectToPage(new { chat });
    }

    private PreviewChat? Pick(long? chat) =>
        chat is { } id && Preview?.Find(id) is { IsStaff: false } picked ? picked : Preview?.Guests.LastOrDefault();
}
