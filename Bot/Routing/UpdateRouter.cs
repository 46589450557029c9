using HookahLounge.Bot.Conversations;
using HookahLounge.Bot.Conversations.Home;

namespace HookahLounge.Bot.Routing;

/// <summary>Hands the update to the dialog that owns the chat; /start always returns to the home dialog.</summary>
public sealed class UpdateRouter(IEnumerable<IConversation> conversations)
{
    private readonly Dictionary<string, IConversation> _byName = conversations.ToDictionary(c => c.Name);

    public Task RouteAsync(ConversationContext context, CancellationToken ct)
    {
        var session = context.Session;
        if (context.Input.Command == "start" || !_byName.ContainsKey(session.Conversation))
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
