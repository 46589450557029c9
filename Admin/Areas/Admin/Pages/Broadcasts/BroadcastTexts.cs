using HookahLounge.Core.Broadcasts;

namespace HookahLounge.Admin.Areas.Admin.Pages.Broadcasts;

/// <summary>Staff's words for broadcast states.</summary>
public static class BroadcastTexts
{
    public static string Status(BroadcastStatus status) => status switch
    {
        BroadcastStatus.Draft => "черновик",
        BroadcastStatus.Scheduled => "запланирована",
        BroadcastStatus.Sending => "отправляется",
        BroadcastStatus.Paused => "на паузе",
        BroadcastStatus.Completed => "отправлена",
        BroadcastStatus.Cancelled => "отменена",
        BroadcastStatus.Expired => "не отправлена: акция закончилась",
        _ => status.ToString(),
    };

    public static string Button(BroadcastButtonKind kind) => kind switch
    {
        BroadcastButtonKind.None => "без кнопки",
        BroadcastButtonKind.Menu => "открыть меню",
        BroadcastButtonKind.Book => "забронировать на дату",
        BroadcastButtonKind.Url => "ссылка",
        _ => kind.ToString(),
    };

    /// <summary>The audience's size as the compose page shows it, after the button and in the live count alike.</summary>
    public static string RecipientCount(int telegram, int sms) => $"Получателей: {telegram + sms} (Telegram: {telegram}, SMS: {sms})";
}
