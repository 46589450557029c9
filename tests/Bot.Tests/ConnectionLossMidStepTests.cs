using System.Data.Common;
using HookahLounge.Core.Chats;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Bot.Tests;

/// <summary>
/// The database goes away in the middle of a guest's step. Whatever the provider reports, the step is tried again
/// later rather than answered with an apology, is not done twice, and its replies reach the guest once.
/// </summary>
public sealed class ConnectionLossMidStepTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public Task A_connection_dropped_under_the_step_before_its_save_gets_no_apology_and_the_step_is_done_once_twice_in_a_row(string provider) =>
        ContactsTwiceThroughAsync(provider, new ConnectionDropBeforeSave());

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public Task A_step_committed_without_an_answer_gets_its_replies_once_the_next_try_finds_it_done_twice_in_a_row(string provider) =>
        ContactsTwiceThroughAsync(provider, new CommitAnswerLoss());

    /// <summary>The same guest asks for the contacts twice, the fault striking each time; the answer is as on a quiet day.</summary>
    private static async Task ContactsTwiceThroughAsync(string provider, FaultOnOneUpdate fault)
    {
        await using var host = await BotHost.StartAsync(provider, services: s => s.AddSingleton<IInterceptor>(fault));
        const long chat = 8901;
        await host.PassAgeGateAsync(chat);

        for (var round = 1; round <= 2; round++)
        {
            var id = host.Telegram.NextUpdateId();
            fault.StrikeAt(id);
            var before = host.Telegram.CallsTo(chat).Count;
            host.Telegram.Push(Updates.Button(id, chat, "home:contacts", messageId: 2));
            await host.Telegram.WaitForAsync(all => all.Count(c => c.ChatId == chat) >= before + 2, because: $"the contacts of round {round}");
            await host.Telegram.SettleAsync();

            fault.Struck.Should().Be(round, "the fault struck in round {0}", round);
            var calls = host.Telegram.CallsTo(chat).Skip(before).ToList();
            calls.Select(c => c.Method).Should().Equal(["sendvenue", "sendmessage"], "the replies come once, and no apology (round {0})", round);
            calls[1].Text.Should().Contain("Покровка");
            host.Telegram.Calls.Count(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{id}")
                .Should().Be(1, "the button's spinner is stopped once");

            await using var db = host.Database.CreateContext();
            (await db.ProcessedUpdates.CountAsync(u => u.UpdateId == id)).Should().Be(1);
            (await db.ChatSessions.SingleAsync(s => s.ChatId == chat)).State.Should().NotBeNullOrEmpty();
            await host.PressAsync(chat, "home:main");
        }
    }

    /// <summary>Strikes once, in the unit of work that records the given update as handled.</summary>
    private abstract class FaultOnOneUpdate : DbTransactionInterceptor
    {
        private long _target = -1;
        private int _struck;

        public int Struck => Volatile.Read(ref _struck);

        public void StrikeAt(long updateId) => Interlocked.Exchange(ref _target, updateId);

        protected bool StrikesNow(DbContext? context)
        {
            var target = Interlocked.Read(ref _target);
            if (target < 0 || context?.ChangeTracker.Entries<ProcessedUpdate>().Any(e => e.Entity.UpdateId == target) != true
                || Interlocked.CompareExchange(ref _target, -1, target) != target)
            {
                return false;
            }

            Interlocked.Increment(ref _struck);
            return true;
        }
    }

    /// <summary>
    /// Closes the connection under the update's transaction just before its changes are saved, the way a dropped network
    /// leaves it: Npgsql then reports a completed transaction, not a network error.
    /// </summary>
    private sealed class ConnectionDropBeforeSave : FaultOnOneUpdate
    {
        public override async ValueTask<InterceptionResult> CreatingSavepointAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (StrikesNow(eventData.Context))
            {
                await transaction.Connection!.CloseAsync();
            }

            return result;
        }
    }

    /// <summary>
    /// Loses the answer to the update's commit (after it went through), then fails the transactions that unit of work
    /// starts next, as a database that has gone away would, until the handler's own retries (three on PostgreSQL, see
    /// <c>EnableRetryOnFailure</c>) are spent and the update is left to be tried again later.
    /// </summary>
    private sealed class CommitAnswerLoss : FaultOnOneUpdate
    {
        private const int FailedStartsAfterwards = 3;
        private DbContext? _victim;
        private int _failStarts;

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (StrikesNow(eventData.Context))
            {
                Volatile.Write(ref _victim, eventData.Context);
                Volatile.Write(ref _failStarts, FailedStartsAfterwards);
                throw new TimeoutException("The answer to COMMIT never came (simulated).");
            }

            return Task.CompletedTask;
        }

        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } context && context == Volatile.Read(ref _victim) && Interlocked.Decrement(ref _failStarts) >= 0)
            {
                throw new TimeoutException("The database cannot be reached (simulated).");
            }

            return ValueTask.FromResult(result);
        }
    }
}
