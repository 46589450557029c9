using System.Globalization;
using HookahLounge.Bot.Replies;
using HookahLounge.Bot.Routing;
using HookahLounge.Core;
using HookahLounge.Core.Bookings;
using HookahLounge.Core.Orders;
using HookahLounge.Core.Staff;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace HookahLounge.Bot.StaffChat;

/// <summary>
/// Buttons under new orders and bookings in the staff group. Only people whose Telegram account is linked
/// to an active back-office account may press them; the action goes through the same Core rules as the
/// admin pages, and the guest is told through the outbox. Each change is audited with the staff member as the
/// actor, saved together with the change inside the update's transaction.
/// </summary>
public sealed class StaffChatHandler(
    StaffAccounts staffAccounts,
    OrderService orders,
    BookingService bookings,
    Core.Visits.VisitService visits,
    Core.Data.LoungeDbContext db,
    IOptions<BotOptions> options,
    Preview.BotPreview? preview = null)
{
    public const string OrderDeclineReason = "к сожалению, сейчас мы не можем его выполнить";
    public const string BookingDeclineReason = "к сожалению, на это время нет свободных столов";

    public static bool IsStaffButton(Update update) =>
        update.CallbackQuery is { Message.Chat.Type: not Telegram.Bot.Types.Enums.ChatType.Private, Data: { } data }
        && data.StartsWith("staff:", StringComparison.Ordinal);

    public async Task HandleAsync(CallbackQuery query, BotReplies replies, CancellationToken ct)
    {
        var message = query.Message!;
        if (options.Value.StaffChatId != message.Chat.Id)
        {
            replies.AnswerCallback(query.Id, "Эти кнопки работают только в чате персонала.", alert: true);
            return;
        }

        var staff = await staffAccounts.FindActiveByTelegramAsync(query.From.Id, ct)
                    ?? (preview?.StaffUserFor(query.From.Id) is { } previewStaff ? await staffAccounts.FindActiveAsync(previewStaff, ct) : null);
        if (staff is null)
        {
            replies.AnswerCallback(query.Id, "Эти кнопки — только для сотрудников заведения. Привяжите свой Telegram в панели управления (Сотрудники).", alert: true);
            return;
        }

        if (!CallbackData.TryParse(query.Data, out var data) || data.Area != "staff" || data.Argument is null
            || data.Argument.Split(':') is not [var action, var idText]
            || !int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            replies.AnswerCallback(query.Id, "Эта кнопка больше не действует.");
            return;
        }

        var actor = Actor.Staff(staff.Id, staff.DisplayName);
        bool ok;
        string done, problem;
        using (Core.Audit.AuditActor.Use(staff.Id, staff.Login))
        {
            (ok, done, problem) = (data.Action, action) switch
            {
                ("order", "accept") => Outcome(await orders.ChangeStatusAsync(id, OrderAction.Accept, actor, ct: ct), "✅ Принят"),
                ("order", "decline") => Outcome(await orders.ChangeStatusAsync(id, OrderAction.Decline, actor, OrderDeclineReason, ct), "❌ Отклонён"),
                ("order", "prepare") => Outcome(await orders.ChangeStatusAsync(id, OrderAction.Prepare, actor, ct: ct), "🔥 Готовится"),
                ("order", "ready") => Outcome(await orders.ChangeStatusAsync(id, OrderAction.MarkReady, actor, ct: ct), "💨 Готов"),
                ("order", "complete") => Outcome(await orders.ChangeStatusAsync(id, OrderAction.Complete, actor, ct: ct), "✔️ Завершён"),
                ("booking", "confirm") => Outcome(await bookings.ChangeStatusAsync(id, BookingAction.Confirm, actor, ct: ct), "✅ Подтверждена"),
                ("booking", "decline") => Outcome(await bookings.ChangeStatusAsync(id, BookingAction.Cancel, actor, BookingDeclineReason, ct), "❌ Отклонена"),
                ("call", "accept") => Outcome(await visits.AdvanceCallAsync(id, Core.Visits.ServiceCallStatus.Accepted, staff.DisplayName, ct), "👌 Принято"),
                ("call", "done") => Outcome(await visits.AdvanceCallAsync(id, Core.Visits.ServiceCallStatus.Done, staff.DisplayName, ct), "✅ Готово"),
                _ => (false, "", "Эта кнопка больше не действует."),
            };

            // Anything the use case left unsaved is saved while the actor is known (the update's commit comes later).
            await db.SaveChangesAsync(ct);
        }

        if (!ok)
        {
            replies.AnswerCallback(query.Id, problem, alert: true);
            return;
        }

        // The post itself is edited to its new status (with the buttons that still apply) through the outbox,
        // the same way as when the change comes from the admin pages, the guest or the scheduler.
        replies.AnswerCallback(query.Id, done);
    }

    private static (bool Ok, string Done, string Problem) Outcome(OrderResult result, string done) => result.Error switch
    {
        OrderError.None => (true, done, ""),
        OrderError.NotFound => (false, "", "Заказ не найден."),
        _ => (false, "", $"Уже нельзя: заказ сейчас в статусе «{StaffWording.Status(result.Order!.Status)}»."),
    };

    private static (bool Ok, string Done, string Problem) Outcome(BookingResult result, string done) => result.Error switch
    {
        BookingError.None => (true, done, ""),
        BookingError.NotFound => (false, "", "Бронь не найдена."),
        _ => (false, "", $"Уже нельзя: бронь сейчас в статусе «{StaffWording.Status(result.Booking!.Status)}»."),
    };

    private static (bool Ok, string Done, string Problem) Outcome(Core.Visits.CallResult result, string done) => result.Error switch
    {
        Core.Visits.VisitError.None => (true, done, ""),
        Core.Visits.VisitError.NotFound => (false, "", "Вызов не найден."),
        _ => (false, "", "Этот вызов уже принят или выполнен."),
    };
}
