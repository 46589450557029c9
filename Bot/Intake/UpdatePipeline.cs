using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using HookahLounge.Bot.Conversations;
using HookahLounge.Bot.Conversations.Home;
using HookahLounge.Bot.Replies;
using HookahLounge.Bot.Routing;
using HookahLounge.Bot.StaffChat;
using HookahLounge.Bot.Texts;
using HookahLounge.Core.Chats;
using HookahLounge.Core.Customers;
using HookahLounge.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace HookahLounge.Bot.Intake;

/// <summary>
/// Handles one update end to end: de-duplicate, lock the chat, run its dialog, commit the session and
/// domain changes together, then send the replies. Callers run it through <see cref="ChatLanes"/> so one
/// chat's updates are handled in order.
/// </summary>
public sealed partial class UpdatePipeline(IServiceScopeFactory scopes, ITelegramBotClient bot, ILogger<UpdatePipeline> logger)
{
    private const int ConcurrencyRetries = 3;

    /// <summary>
    /// Replies of updates whose commit was sent when the database went away, so nobody knows yet whether it went through.
    /// The next attempt at the update finds out: handled already means committed, and these replies are sent then.
    /// </summary>
    private readonly ConcurrentDictionary<long, OwedReplies> _owed = new();

    public async Task HandleAsync(Update update, CancellationToken ct)
    {
        if (StaffChatHandler.IsStaffButton(update))
        {
            await HandleStaffButtonAsync(update, ct);
            return;
        }

        var input = GuestInput.Read(update);
        if (input is null)
        {
            LogIgnored(update.Id, update.Type);
            return;
        }

        try
        {
            await RetryRacesAsync(input.ChatId, input.UpdateId, services => HandleGuestAsync(services, input, ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            // Nothing was recorded: the caller keeps the update and tries again, rather than apologising for an outage.
            LogDatabaseUnavailable(ex, input.ChatId, input.UpdateId);
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(ex, input.ChatId, input.UpdateId);
            await ApologiseAsync(input, ct);
        }
    }

    private Task HandleGuestAsync(IServiceProvider services, GuestInput input, CancellationToken ct)
    {
        var sessions = services.GetRequiredService<ChatSessions>();
        ChatPreload? preload = null;
        return RunOnceAsync(
            services,
            input.UpdateId,
            async cancel => (preload = await sessions.PreloadAsync(input.ChatId, input.From.UserId, input.UpdateId, cancel)).Handled,
            async (replies, cancel) =>
            {
                var db = services.GetRequiredService<LoungeDbContext>();
                var customer = services.GetRequiredService<CustomerDirectory>().AddOrRefreshTelegram(preload!.Customer, input.From);
                var session = await sessions.GetOrStartAsync(input.ChatId, HomeConversation.ConversationName, HomeConversation.InitialState, cancel);
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(customer.Language);

                // The customer row must exist before the session can point at it.
                await db.SaveChangesAsync(cancel);
                session.CustomerId = customer.Id;

                var before = (session.Conversation, session.State, session.DraftJson, session.CartJson);
                await services.GetRequiredService<UpdateRouter>().RouteAsync(new ConversationContext(session, customer, input, replies) { Cancellation = cancel }, cancel);

                // A step that writes anything bumps the session's version, so of two writing steps of one chat handled at
                // once the later one fails the check and runs again on what the earlier one left, as if one by one.
                if (before != (session.Conversation, session.State, session.DraftJson, session.CartJson) || db.ChangeTracker.HasChanges())
                {
                    sessions.Touch(session);
                }
            },
            ct);
    }

    private async Task HandleStaffButtonAsync(Update update, CancellationToken ct)
    {
        var query = update.CallbackQuery!;
        try
        {
            await RetryRacesAsync(query.Message!.Chat.Id, update.Id, services =>
            {
                var handler = services.GetRequiredService<StaffChatHandler>();
                var sessions = services.GetRequiredService<ChatSessions>();
                return RunOnceAsync(services, update.Id, cancel => sessions.IsProcessedAsync(update.Id, cancel), (replies, cancel) => handler.HandleAsync(query, replies, cancel), ct);
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogFailed(ex, query.Message!.Chat.Id, update.Id);
            await bot.AnswerCallbackQuery(query.Id, "Не получилось — попробуйте ещё раз.", showAlert: true, cancellationToken: ct)
                .ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Runs an attempt in a scope of its own, and again in a fresh one when it lost a race: another handler wrote the
    /// same chat, or handled the very same update, since this one read it (see <see cref="RunOnceAsync"/>).
    /// </summary>
    private async Task RetryRacesAsync(long chatId, long updateId, Func<IServiceProvider, Task> attempt)
    {
        for (var n = 1; ; n++)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await attempt(scope.ServiceProvider);
                return;
            }
            catch (DbUpdateException ex) when (n < ConcurrencyRetries && (ex is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(ex)))
            {
                LogConcurrencyRetry(chatId, updateId, n);
            }
        }
    }

    /// <summary>
    /// Runs an update's work once, in one transaction committed together with the update's id; the replies go out
    /// only after the commit. No lock is held while the dialog runs: a second handler of the same update (another
    /// host) fails on a unique key, and one that wrote the same chat in between fails the session's version check;
    /// either runs again (see <see cref="RetryRacesAsync"/>), and then finds the update handled or reads what is current.
    /// </summary>
    /// <param name="alreadyHandled">The work's first query, which also tells whether the update's id is recorded.</param>
    private async Task RunOnceAsync(
        IServiceProvider services,
        long updateId,
        Func<CancellationToken, Task<bool>> alreadyHandled,
        Func<BotReplies, CancellationToken, Task> work,
        CancellationToken ct)
    {
        var db = services.GetRequiredService<LoungeDbContext>();
        var sessions = services.GetRequiredService<ChatSessions>();
        var replies = services.GetRequiredService<BotReplies>();

        var committing = false;
        bool handled;
        try
        {
            handled = await db.Database.CreateExecutionStrategy().ExecuteAsync(async cancel =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancel);
                if (await alreadyHandled(cancel))
                {
                    // Retried after a commit whose answer was lost: that commit went through, so its replies are still owed,
                    // whether this attempt or an earlier one (given up on while the database was away) sent it.
                    if (!committing && _owed.TryRemove(updateId, out var owed))
                    {
                        replies.Adopt(owed);
                        return true;
                    }

                    return committing;
                }

                // Not recorded: an earlier commit that was not confirmed did not go through, and this attempt starts afresh.
                _owed.TryRemove(updateId, out _);
                replies.Clear();
                try
                {
                    await work(replies, cancel);
                    sessions.MarkProcessed(updateId);
                    await db.SaveChangesAsync(cancel);
                    committing = true;
                    await transaction.CommitAsync(cancel);
                }
                catch (Exception ex) when (!DatabaseErrors.IsUnavailable(ex) && db.Database.GetDbConnection().State != ConnectionState.Open)
                {
                    // The connection under the transaction is gone, whatever the error says: the database went away, the step did not fail.
                    throw new DatabaseUnavailableException($"The database connection was lost while handling update {updateId}.", ex);
                }

                return true;
            }, ct);
        }
        catch (Exception ex) when (committing && DatabaseErrors.IsUnavailable(ex))
        {
            _owed[updateId] = replies.Detach();
            throw;
        }

        if (!handled)
        {
            LogDuplicate(updateId);
            return;
        }

        await replies.FlushAsync(bot, ct);
    }

    /// <summary>The dialog failed: record the update as handled so a replay cannot fail again, and tell the guest.</summary>
    private async Task ApologiseAsync(GuestInput input, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<LoungeDbContext>();
            var sessions = services.GetRequiredService<ChatSessions>();
            if (!await sessions.IsProcessedAsync(input.UpdateId, ct))
            {
                sessions.MarkProcessed(input.UpdateId);
                await db.SaveChangesAsync(ct);
            }

            var language = (await db.Customers.AsNoTracking().Where(c => c.TelegramUserId == input.From.UserId).Select(c => c.Language).FirstOrDefaultAsync(ct))
                ?? CustomerDirectory.LanguageFor(input.From.LanguageCode);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            var t = services.GetRequiredService<IStringLocalizer<BotTexts>>();
            var replies = services.GetRequiredService<BotReplies>();
            if (input.CallbackQueryId is { } id)
            {
                replies.AnswerCallback(id);
            }

            replies.Send(input.ChatId, t["Error"], HomeScreens.BackHome(t));
            await replies.FlushAsync(bot, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !DatabaseErrors.IsUnavailable(ex))
        {
            LogApologyFailed(ex, input.ChatId);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Update {UpdateId} of type {UpdateType} is not a guest's input; ignored")]
    private partial void LogIgnored(long updateId, Telegram.Bot.Types.Enums.UpdateType updateType);

    [LoggerMessage(LogLevel.Information, "Update {UpdateId} was already handled; skipped")]
    private partial void LogDuplicate(long updateId);

    [LoggerMessage(LogLevel.Warning, "Chat {ChatId} changed concurrently while handling update {UpdateId}; retry {Attempt}")]
    private partial void LogConcurrencyRetry(long chatId, long updateId, int attempt);

    [LoggerMessage(LogLevel.Error, "Handling update {UpdateId} in chat {ChatId} failed")]
    private partial void LogFailed(Exception ex, long chatId, long updateId);

    [LoggerMessage(LogLevel.Warning, "The database was unavailable while handling update {UpdateId} in chat {ChatId}; it will be tried again")]
    private partial void LogDatabaseUnavailable(Exception ex, long chatId, long updateId);

    [LoggerMessage(LogLevel.Error, "Could not tell chat {ChatId} about a failure")]
    private partial void LogApologyFailed(Exception ex, long chatId);
}
