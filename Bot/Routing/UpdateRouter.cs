using HookahLounge.Bot.Conversations;
using HookahLounge.Bot.Conversations.Home;
using HookahLounge.Bot.Keyboards;

namespace HookahLounge.Bot.Routing;

/// <summary>
/// Hands the update to the dialog that owns the chat. /start and the "main menu" button always lead to
/// the home dialog, so a guest can leave any dialog, even one that keeps failing.
/// </summary>
public sealed class UpdateRouter(IEnumerable<IConversation> conversations)
{
    private readonly Dictionary<string, IConversation> _byName = conversations.ToDictionary(c => c.Name);

    public Task RouteAsync(ConversationContext context, CancellationToken ct)
    {
        var session = context.Session;
        var escape = context.Input.Command == "start"
                     || (context.Input.Kind == InputKind.Button && (context.Input.Text == Buttons.Home.ToString() || IsGlobalBookingAction(context.Input.Text)));
        if (escape || !_byName.ContainsKey(session.Conversation))
        {
            if (session.Conversation != HomeConversation.ConversationName)
            {
                // A dialog that no longer exists or that the guest left with /start: back to a known place.
                session.Conversation = HomeConversation.ConversationName;
                session.State = nameof(HomeConversation.State.MainMenu);
                session.DraftJson = null;
            }
        }

        return HandleAndHandOffAsync(context, ct);
    }

    /// <summary>Buttons under reminders and "my bookings" act wherever the guest is in a dialog.</summary>
    private static bool IsGlobalBookingAction(string? data) =>
        data is not null && (data.StartsWith("bkm:", StringComparison.Ordinal) || data.StartsWith("bkr:", StringComparison.Ordinal)
                             || data.StartsWith("vs:", StringComparison.Ordinal) || data == "home:repeat");

    private async Task HandleAndHandOffAsync(ConversationContext context, CancellationToken ct)
    {
        await _byName[context.Session.Conversation].HandleAsync(context, ct);
        if (context.Handoff is var (next, draft) && _byName.TryGetValue(next, out var conversation))
        {
            context.Session.Conversation = next;
            context.Session.DraftJson = draft;
            await conversation.EnterAsync(context, ct);
        }
    }
}
