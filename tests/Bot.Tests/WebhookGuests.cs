using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HookahLounge.Bot.Intake;
using HookahLounge.Testing;
using Microsoft.EntityFrameworkCore;

namespace HookahLounge.Bot.Tests;

/// <summary>
/// Guests talking to the bot over the webhook the way Telegram delivers: each chat's next update only
/// after the previous one got its 200, anything else (5xx, refused connection) sent again until it does.
/// </summary>
public sealed class WebhookGuests(Func<HttpClient?> client, FakeTelegram telegram)
{
    public const string Path = "/telegram/webhook";
    public const string Secret = "s3cret-Token_1";

    private readonly ConcurrentDictionary<long, byte> _acknowledged = new();
    private int _refused;

    public static Dictionary<string, string?> Settings => new()
    {
        ["Telegram:WebhookUrl"] = "https://lounge.example" + Path,
        ["Telegram:WebhookSecret"] = Secret,
    };

    /// <summary>Update ids Telegram would consider delivered (the bot answered 200).</summary>
    public IReadOnlyCollection<long> Acknowledged => [.. _acknowledged.Keys];

    /// <summary>Deliveries the bot did not acknowledge (to be sent again).</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>/start, "I am 18+", contacts: every step only makes sense after the one before.</summary>
    public async Task GuestAsync(long chatId, CancellationToken ct = default)
    {
        await DeliverAsync(Updates.Text(telegram.NextUpdateId(), chatId, "/start"), ct);
        await DeliverAsync(Updates.Button(telegram.NextUpdateId(), chatId, "age:yes", messageId: 2), ct);
        await DeliverAsync(Updates.Button(telegram.NextUpdateId(), chatId, "home:contacts", messageId: 2), ct);
    }

    public async Task DeliverAsync(JsonObject update, CancellationToken ct = default)
    {
        var id = update["update_id"]!.GetValue<long>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                if (client() is { } http)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json") };
                    request.Headers.Add(WebhookEndpoint.SecretHeader, Secret);
                    using var response = await http.SendAsync(request, ct);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        _acknowledged.TryAdd(id, 0);
                        return;
                    }
                }
            }
            catch (Exception) when (!ct.IsCancellationRequested && DateTime.UtcNow < deadline)
            {
                // The host is down or going down: Telegram would try again.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Update {id} was never acknowledged.");
            }

            Interlocked.Increment(ref _refused);
            await Task.Delay(50, ct);
        }
    }

    /// <summary>Waits until every acknowledged update is recorded as handled and the inbox is empty.</summary>
    public async Task WaitUntilHandledAsync(TestDatabase database, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        var expected = Acknowledged;
        while (true)
        {
            await using var db = database.CreateContext();
            var handled = await db.ProcessedUpdates.AsNoTracking().Where(u => expected.Contains(u.UpdateId)).CountAsync();
            var waiting = await db.BotInbox.CountAsync();
            if (handled == expected.Count && waiting == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{expected.Count - handled} of {expected.Count} acknowledged updates were never handled; {waiting} left in the inbox.");
            }

            await Task.Delay(100);
        }
    }
}
