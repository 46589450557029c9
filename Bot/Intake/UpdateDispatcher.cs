using HookahLounge.Bot.Routing;
using Telegram.Bot.Types;

namespace HookahLounge.Bot.Intake;

/// <summary>Puts each update in its chat's lane: chats in parallel, one chat in order.</summary>
public sealed class UpdateDispatcher(ChatLanes lanes, UpdatePipeline pipeline)
{
    public Task DispatchAsync(Update update, CancellationToken ct) =>
        lanes.Enqueue(GuestInput.ChatKeyOf(update), () => pipeline.HandleAsync(update, ct));
}
