using HookahLounge.Testing;

namespace HookahLounge.Bot.Tests;

/// <summary>
/// Forged and stale buttons of every area with arguments the bot never makes: each gets a polite answer, nothing
/// is logged as a failure (no apology reaches the guest) and the guest's place in the dialog does not change.
/// </summary>
public sealed class CallbackFuzzTests
{
    private static readonly string[] Areas = ["age", "home", "bkv", "set", "vs", "mine", "bkm", "bkr", "or", "bk", "menu", "staff", "zz"];

    private static readonly string[] Actions =
        ["yes", "no", "main", "menu", "order", "cart", "book", "mine", "lang", "news", "open", "show", "coals", "pay", "end", "endok",
         "list", "repeat", "ocancel", "ocancelok", "cancel", "cancelok", "late", "lateby", "move", "cat", "item", "grp", "opt", "qty", "add",
         "inc", "del", "checkout", "type", "table", "booking", "at", "ok", "back", "quit", "date", "party", "time", "zone", "dur"];

    private static readonly string[] Arguments = ["abc", "-5", "0", "99999999", "2020-01-01", "25:99", "1:2:3", "🙂", "' OR 1=1 --", "NaN", "999999999999999999999"];

    [Fact]
    public async Task Random_arguments_in_every_area_get_a_polite_answer_and_change_nothing()
    {
        await using var host = await BotHost.StartAsync(settings: new Dictionary<string, string?> { ["Notifications:DispatcherEnabled"] = "false" });
        const long chat = 8901;
        await host.PassAgeGateAsync(chat);
        var before = await host.SessionAsync(chat);
        var random = new Random(20261128);

        var pressed = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var data = $"{Areas[random.Next(Areas.Length)]}:{Actions[random.Next(Actions.Length)]}:{Arguments[random.Next(Arguments.Length)]}";
            if (System.Text.Encoding.UTF8.GetByteCount(data) > 64)
            {
                continue;
            }

            var id = host.Telegram.NextUpdateId();
            host.Telegram.Push(Updates.Button(id, chat, data, messageId: 2));
            await host.Telegram.WaitForAsync(all => all.Any(c => c.Method == "answercallbackquery" && c.Body["callback_query_id"]!.GetValue<string>() == $"cq-{id}"), because: data);
            pressed.Add(data);
        }

        await host.Telegram.SettleAsync();
        pressed.Should().HaveCountGreaterThan(40);
        host.Telegram.CallsTo(chat).Should().NotContain(c => c.Text != null && c.Text.Contains("Что-то пошло не так"), "no forged button makes the bot fail");
        var after = await host.SessionAsync(chat);
        after!.Conversation.Should().Be(before!.Conversation);
        after.State.Should().Be(before.State);
        after.DraftJson.Should().Be(before.DraftJson);
        after.CartJson.Should().BeNull();
    }
}
