using HookahLounge.Bot;
using HookahLounge.Core.Chats;
using Microsoft.Extensions.Options;
using Quartz;

namespace HookahLounge.Site.Scheduling;

/// <summary>Forgets handled Telegram update ids once Telegram can no longer redeliver them.</summary>
[DisallowConcurrentExecution]
public sealed partial class PruneProcessedUpdatesJob(ChatSessions sessions, IOptions<BotOptions> bot, ILogger<PruneProcessedUpdatesJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var removed = await sessions.PruneProcessedAsync(TimeSpan.FromDays(bot.Value.ProcessedUpdateRetentionDays), cancellationToken);
        LogPruned(removed);
    }

    [LoggerMessage(LogLevel.Information, "Pruned {Count} handled update id(s)")]
    private partial void LogPruned(int count);
}
