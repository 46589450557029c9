namespace HookahLounge.Bot.Intake;

/// <summary>
/// Runs work for different chats in parallel and for one chat strictly in arrival order: each chat has a
/// lane whose tail the next item waits for.
/// </summary>
public sealed class ChatLanes
{
    private readonly Dictionary<long, Task> _tails = [];
    private readonly Lock _gate = new();

    public Task Enqueue(long chatId, Func<Task> work)
    {
        Task next;
        lock (_gate)
        {
            var previous = _tails.GetValueOrDefault(chatId) ?? Task.CompletedTask;

            // The work belongs to the chat, not to whoever queued it: a webhook request's HttpContext (read by the audit
            // trail) is recycled once Telegram has its answer, while the update is still being handled.
            using (ExecutionContext.SuppressFlow())
            {
                next = RunAfter(previous, work);
            }
            _tails[chatId] = next;
        }

        _ = next.ContinueWith(
            done =>
            {
                lock (_gate)
                {
                    if (_tails.TryGetValue(chatId, out var tail) && tail == done)
                    {
                        _tails.Remove(chatId);
                    }
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return next;
    }

    /// <summary>Number of chats with work queued or running.</summary>
    public int ActiveChats
    {
        get
        {
            lock (_gate)
            {
                return _tails.Count;
            }
        }
    }

    private static async Task RunAfter(Task previous, Func<Task> work)
    {
        try
        {
            await previous.ConfigureAwait(false);
        }
        catch
        {
            // The previous item's failure was reported by its own caller; this one still runs.
        }

        await Task.Yield();
        await work().ConfigureAwait(false);
    }
}
