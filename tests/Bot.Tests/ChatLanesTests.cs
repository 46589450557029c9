using HookahLounge.Bot.Intake;

namespace HookahLounge.Bot.Tests;

public sealed class ChatLanesTests
{
    [Fact]
    public async Task Work_for_one_chat_runs_in_order_and_different_chats_overlap()
    {
        var lanes = new ChatLanes();
        var log = new System.Collections.Concurrent.ConcurrentQueue<(long Chat, int Step)>();
        var running = 0;
        var maxRunning = 0;
        var random = new Random(42);
        var tasks = new List<Task>();
        for (var step = 0; step < 20; step++)
        {
            foreach (var chat in new long[] { 1, 2, 3, 4 })
            {
                var delay = random.Next(1, 15);
                var (c, s) = (chat, step);
                tasks.Add(lanes.Enqueue(chat, async () =>
                {
                    var now = Interlocked.Increment(ref running);
                    InterlockedMax(ref maxRunning, now);
                    await Task.Delay(delay);
                    log.Enqueue((c, s));
                    Interlocked.Decrement(ref running);
                }));
            }
        }

        await Task.WhenAll(tasks);

        foreach (var chat in new long[] { 1, 2, 3, 4 })
        {
            log.Where(e => e.Chat == chat).Select(e => e.Step).Should().BeInAscendingOrder().And.HaveCount(20);
        }

        maxRunning.Should().BeGreaterThan(1, "different chats are not made to wait for each other");
        lanes.ActiveChats.Should().Be(0, "finished lanes are released");
    }

    [Fact]
    public async Task Work_does_not_inherit_the_ambient_context_of_whoever_queued_it_twice_in_a_row()
    {
        // The webhook queues an update from inside the HTTP request; the request's context is recycled once Telegram has
        // its 200, so the update's handling (the audit trail asks who the staff user is) must not see it.
        var lanes = new ChatLanes();
        var requests = new Microsoft.AspNetCore.Http.HttpContextAccessor();
        for (var round = 1; round <= 2; round++)
        {
            requests.HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            Microsoft.AspNetCore.Http.HttpContext? seen = null;
            await lanes.Enqueue(7, () =>
            {
                seen = requests.HttpContext;
                return Task.CompletedTask;
            });

            seen.Should().BeNull("the request that queued the work is none of its business (round {0})", round);
            requests.HttpContext.Should().NotBeNull("the caller keeps its own context");
        }
    }

    [Fact]
    public async Task A_failed_item_does_not_block_the_next_one_in_its_chat()
    {
        var lanes = new ChatLanes();
        var failing = lanes.Enqueue(1, () => throw new InvalidOperationException("boom"));
        var ran = false;
        var next = lanes.Enqueue(1, () =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        await next;

        ran.Should().BeTrue();
        await failing.Invoking(t => t).Should().ThrowAsync<InvalidOperationException>();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
