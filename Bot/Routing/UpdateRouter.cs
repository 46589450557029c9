using HookahLounge.Bot.Conversations;
using HookahLounge.Bot.Conversations.Booking;
using HookahLounge.Bot.Conversations.Home;
using HookahLounge.Bot.Conversations.Ordering;
using HookahLounge.Bot.Conversations.Settings;
using HookahLounge.Bot.Texts;
using Microsoft.Extensions.Localization;

namespace HookahLounge.Bot.Routing;

/// <summary>
/// Hands each update to the dialog that owns it. Commands work everywhere; a button goes to the dialog of its
/// area (one table, built from the dialogs' own <see cref="IConversation.Areas"/>); a guest who has not
/// confirmed their age only ever reaches the home dialog. Leaving a dialog keeps the cart and tidies the screen.
/// </summary>
public sealed class UpdateRouter(IEnumerable<IConversation> conversations, IStringLocalizer<BotTexts> t)
{
    private const int MaxHandoffs = 3;

    /// <summary>Dialogs whose buttons only make sense inside them: pressed elsewhere, the button is stale.</summary>
    private static readonly HashSet<string> Enclosed = [OrderConversation.ConversationName, BookingConversation.ConversationName];

    private readonly Dictionary<string, IConversation> _byName = conversations.ToDictionary(c => c.Name);
    private readonly Dictionary<string, IConversation> _byArea = conversations.SelectMany(c => c.Areas.Select(a => (Area: a, Conversation: c))).ToDictionary(x => x.Area, x => x.Conversation);

    public async Task RouteAsync(ConversationContext context, CancellationToken ct)
    {
        var current = _byName.GetValueOrDefault(context.Session.Conversation) ?? _byName[HomeConversation.ConversationName];
        var input = context.Input;

        if (context.Customer.AgeConfirmedAtUtc is null)
        {
            await HandleInAsync(context, _byName[HomeConversation.ConversationName], current, ct);
        }
        else if (input.Kind == InputKind.Command && CommandTarget(input.Command) is var (target, enter))
        {
            var conversation = _byName[target];
            if (enter)
            {
                Leave(context, current);
                await EnterAsync(context, conversation, draft: null, ct);
            }
            else
            {
                await HandleInAsync(context, conversation, current, ct);
            }
        }
        else if (input.Kind == InputKind.Button && CallbackData.TryParse(input.Text, out var data) && _byArea.TryGetValue(data.Area, out var owner) && owner != current
                 && (Enclosed.Contains(owner.Name) || owner.Accepts(data)))
        {
            if (Enclosed.Contains(owner.Name))
            {
                // A button of a dialog the guest has left (a double tap, an old message): nothing happens twice.
                context.Acknowledge(t["StaleButtonQuiet"]);
                return;
            }

            await HandleInAsync(context, owner, current, ct);
        }
        else
        {
            await current.HandleAsync(context, ct);
        }

        for (var hops = 0; hops < MaxHandoffs && context.TakeHandoff() is var (next, draft); hops++)
        {
            await EnterAsync(context, _byName[next], draft, ct);
        }
    }

    /// <summary>Where a command leads, and whether it starts that dialog afresh or is handled by it.</summary>
    private static (string Conversation, bool Enter)? CommandTarget(string? command) => command switch
    {
        "start" or "help" or "contacts" or "cancel" => (HomeConversation.ConversationName, false),
        "menu" or "order" => (OrderConversation.ConversationName, true),
        "book" => (BookingConversation.ConversationName, true),
        "settings" or "language" => (SettingsConversation.ConversationName, true),
        "stop" => (SettingsConversation.ConversationName, false),
        _ => null,
    };

    private static async Task HandleInAsync(ConversationContext context, IConversation conversation, IConversation current, CancellationToken ct)
    {
        if (conversation != current)
        {
            Leave(context, current);
            Switch(context, conversation, draft: null);
        }

        await conversation.HandleAsync(context, ct);
    }

    private static async Task EnterAsync(ConversationContext context, IConversation conversation, string? draft, CancellationToken ct)
    {
        Switch(context, conversation, draft);
        await conversation.EnterAsync(context, ct);
    }

    private static void Leave(ConversationContext context, IConversation current) => current.Leave(context);

    /// <summary>The chat now belongs to another dialog, at its outside state with its starting draft.</summary>
    private static void Switch(ConversationContext context, IConversation conversation, string? draft)
    {
        context.Session.Conversation = conversation.Name;
        context.Session.State = conversation.EntryState;
        context.Session.DraftJson = draft;
    }
}
