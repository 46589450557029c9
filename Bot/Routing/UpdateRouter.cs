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
        var escape = context.Input.Command == "start" || context.Input.Text == Buttons.Home.ToString();
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

        return _byName[session.Conversation].HandleAsync(context, ct);
    }
}
