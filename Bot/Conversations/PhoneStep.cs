using HookahLounge.Bot.Texts;
using HookahLounge.Core.Customers;
using Microsoft.Extensions.Localization;
using Telegram.Bot.Types.ReplyMarkups;

namespace HookahLounge.Bot.Conversations;

/// <summary>
/// The "leave your phone" step that booking and takeaway share: Telegram's share-contact keyboard (with a way
/// back), reading a shared or typed number, and taking the keyboard away when the step is left by any path.
/// </summary>
public static class PhoneStep
{
    public static Screen Ask(IStringLocalizer<BotTexts> t, string question) =>
        new(question, new ReplyKeyboardMarkup([[KeyboardButton.WithRequestContact(t["Bk.SharePhone"])], [new KeyboardButton(t["Bk.Back"])]])
        {
            ResizeKeyboard = true,
            OneTimeKeyboard = true,
        });

    /// <summary>What the guest sent at the step: "back" (the keyboard's own button), a phone, or neither (null phone).</summary>
    public static (bool Back, string? Phone) Read(IStringLocalizer<BotTexts> t, string? sent) =>
        sent?.Trim() == t["Bk.Back"].Value ? (true, null)
        : PhoneNumber.TryNormalize(sent, out var phone) ? (false, phone)
        : (false, null);

    /// <summary>Acts on what the guest sent at the step: goes back, takes the phone, or explains the expected format.</summary>
    public static Task AnswerAsync(ConversationContext context, IStringLocalizer<BotTexts> t, string? sent, Func<Task> back, Func<string, Task> give)
    {
        switch (Read(t, sent))
        {
            case { Back: true }:
                return back();
            case { Phone: { } phone }:
                return give(phone);
            default:
                context.Send(t["Bk.BadPhone"]);
                return Task.CompletedTask;
        }
    }

    /// <summary>The message that takes the phone keyboard away, thanking for the number or just acknowledging.</summary>
    public static Screen Leave(IStringLocalizer<BotTexts> t, bool phoneGiven) =>
        new(phoneGiven ? t["Bk.PhoneSaved"] : t["Or.PhoneSkipped"], new ReplyKeyboardRemove());
}
