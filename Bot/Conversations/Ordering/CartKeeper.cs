using HookahLounge.Core.Chats;
using HookahLounge.Core.Orders;
using Microsoft.Extensions.Options;

namespace HookahLounge.Bot.Conversations.Ordering;

/// <summary>Keeps the guest's cart on the chat session, apart from any dialog's draft, for the configured lifetime.</summary>
public sealed class CartKeeper(IOptions<BotOptions> options, TimeProvider time)
{
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public Cart Load(ChatSession session) => Cart.Read(session.CartJson, UtcNow, TimeSpan.FromHours(options.Value.CartLifetimeHours));

    public void Save(ChatSession session, Cart cart) => session.CartJson = cart.IsEmpty ? null : cart.ToJson();
}
