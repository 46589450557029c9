using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HookahLounge.Bot.Preview;

/// <summary>A message in a preview chat, as the Bot API method that made or last edited it described it.</summary>
public sealed record PreviewMessage(int Id, bool FromBot, string Kind, string? Text, JsonNode? Markup, bool Edited, DateTime AtUtc, JsonObject? Extra = null)
{
    public JsonArray? InlineKeyboard => Markup?["inline_keyboard"] as JsonArray;

    public JsonArray? ReplyKeyboard => Markup?["keyboard"] as JsonArray;
}

/// <summary>One chat of the preview: a guest's private chat or the staff group.</summary>
public sealed class PreviewChat(long id, string title, string language, bool isStaff)
{
    private readonly List<PreviewMessage> _messages = [];

    public long Id { get; } = id;

    public string Title { get; } = title;

    public string Language { get; } = language;

    public bool IsStaff { get; } = isStaff;

    /// <summary>The reply keyboard under the input field, until a message removes it.</summary>
    public JsonArray? ReplyKeyboard { get; internal set; }

    /// <summary>The latest answer to a pressed button: a toast, or an alert the person must dismiss.</summary>
    public (string Text, bool Alert)? Notice { get; internal set; }

    /// <summary>Bumped on every change, so a page can tell whether it is up to date.</summary>
    public int Version { get; internal set; }

    public IReadOnlyList<PreviewMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    internal object Gate => _messages;

    internal List<PreviewMessage> Items => _messages;
}

/// <summary>
/// An in-process stand-in for the Telegram Bot API, so the real bot (intake, lanes, dialogs, Core, outbox) can be
/// tried in the browser without a token or a network. The bot's Telegram client is pointed at it; people act
/// through <see cref="Post"/> (messages, button presses, shared contacts) and read the chats it keeps.
/// Chat ids are far above any real Telegram user id, so preview chats never mix with real ones.
/// </summary>
public sealed class BotPreview(TimeProvider time)
{
    /// <summary>A token of Telegram's shape that only the stand-in accepts.</summary>
    public const string Token = "100000:preview-stand-in-not-a-real-bot-token";

    public const string BotUsername = "lounge_preview_bot";

    public const long BotUserId = 100000;

    /// <summary>Guests get ids from here on; real Telegram ids are far below.</summary>
    public const long FirstGuestId = 9_000_000_000_000;

    public const long StaffChatId = -1_009_000_000_000;

    private readonly ConcurrentDictionary<long, PreviewChat> _chats = new();
    private readonly ConcurrentDictionary<long, int> _staffIdentities = new();
    private readonly ConcurrentDictionary<string, long> _queries = new();
    private readonly List<(long Id, JsonObject Update)> _pending = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private long _nextUpdateId;
    private long _nextGuestId = FirstGuestId;
    private int _nextMessageId;

    /// <summary>Raised after any chat changed, with its id; the preview page listens to refresh itself.</summary>
    public event Action<long>? Changed;

    public IReadOnlyList<PreviewChat> Guests => [.. _chats.Values.Where(c => !c.IsStaff).OrderBy(c => c.Id)];

    public PreviewChat StaffChat => _chats.GetOrAdd(StaffChatId, id => new PreviewChat(id, "Персонал", "ru", isStaff: true));

    public PreviewChat? Find(long chatId) => chatId == StaffChatId ? StaffChat : _chats.GetValueOrDefault(chatId);

    public PreviewChat AddGuest(string name, string language)
    {
        var id = Interlocked.Increment(ref _nextGuestId);
        var chat = new PreviewChat(id, string.IsNullOrWhiteSpace(name) ? $"Гость {id - FirstGuestId}" : name.Trim(), language == "en" ? "en" : "ru", isStaff: false);
        _chats[id] = chat;
        Changed?.Invoke(id);
        return chat;
    }

    /// <summary>Clears what the chat shows; the bot's own memory of the guest is reset by the caller.</summary>
    public void Clear(long chatId)
    {
        if (_chats.TryGetValue(chatId, out var chat))
        {
            lock (chat.Gate)
            {
                chat.Items.Clear();
                chat.ReplyKeyboard = null;
                chat.Notice = null;
                chat.Version++;
            }

            Changed?.Invoke(chatId);
        }
    }

    /// <summary>The Telegram user id that stands for a staff member pressing staff-chat buttons in the preview.</summary>
    public long StaffIdentityFor(int staffUserId)
    {
        var id = 8_000_000_000_000 + staffUserId;
        _staffIdentities[id] = staffUserId;
        return id;
    }

    /// <summary>The staff member behind a preview identity, if it is one.</summary>
    public int? StaffUserFor(long telegramUserId) => _staffIdentities.TryGetValue(telegramUserId, out var staff) ? staff : null;

    /// <summary>A guest types a message (or a command, or a deep link such as "/start table_5").</summary>
    public long SendText(long chatId, string text)
    {
        var chat = Require(chatId);
        var message = AddMessage(chat, fromBot: false, "text", text, null);
        var json = MessageJson(chat, message, fromUser: true);
        json["text"] = text;
        if (text.StartsWith('/'))
        {
            json["entities"] = new JsonArray(new JsonObject { ["offset"] = 0, ["length"] = text.Split(' ')[0].Length, ["type"] = "bot_command" });
        }

        return Post(new JsonObject { ["message"] = json });
    }

    /// <summary>A guest shares their own phone with the reply keyboard's contact button.</summary>
    public long ShareContact(long chatId, string phone)
    {
        var chat = Require(chatId);
        var message = AddMessage(chat, fromBot: false, "contact", $"📱 {phone}", null);
        var json = MessageJson(chat, message, fromUser: true);
        json["contact"] = new JsonObject { ["phone_number"] = phone, ["first_name"] = chat.Title, ["user_id"] = chat.Id };
        return Post(new JsonObject { ["message"] = json });
    }

    /// <summary>Someone presses an inline button under a message; in the staff chat <paramref name="asUserId"/> is the staff member.</summary>
    public long Press(long chatId, int messageId, string data, long? asUserId = null)
    {
        var chat = Require(chatId);
        var message = chat.Messages.FirstOrDefault(m => m.Id == messageId);
        var user = asUserId ?? chatId;
        var queryId = $"pq-{Guid.NewGuid():N}";
        _queries[queryId] = chatId;
        return Post(new JsonObject
        {
            ["callback_query"] = new JsonObject
            {
                ["id"] = queryId,
                ["from"] = User(user, chat.IsStaff ? "Сотрудник" : chat.Title, chat.Language),
                ["chat_instance"] = $"preview-{chatId}",
                ["data"] = data,
                ["message"] = message is null ? new JsonObject { ["message_id"] = messageId, ["date"] = Now(), ["chat"] = ChatJson(chat) } : MessageJson(chat, message, fromUser: false),
            },
        });
    }

    /// <summary>Queues an update for the bot's next getUpdates, as Telegram would deliver it.</summary>
    public long Post(JsonObject update)
    {
        long id;
        lock (_pending)
        {
            id = ++_nextUpdateId;
            update["update_id"] = id;
            _pending.Add((id, update));
        }

        _arrived.Release();
        return id;
    }

    /// <summary>Answers one Bot API call; the result is Telegram's "result" field, or an error description.</summary>
    public async Task<(JsonNode? Result, int Status, string? Error)> CallAsync(string method, JsonObject body, CancellationToken ct)
    {
        switch (method.ToLowerInvariant())
        {
            case "getme":
                return (User(BotUserId, "Preview", "ru", isBot: true, username: BotUsername), 200, null);
            case "getupdates":
                return (await GetUpdatesAsync(body, ct), 200, null);
            case "deletewebhook" or "setwebhook" or "setmycommands" or "deletemycommands" or "sendchataction" or "setchatmenubutton":
                return (true, 200, null);
            case "answercallbackquery":
                AnswerCallback(body);
                return (true, 200, null);
            case "sendmessage" or "sendvenue" or "sendlocation" or "sendphoto":
                return Send(method.ToLowerInvariant(), body);
            case "editmessagetext" or "editmessagereplymarkup" or "editmessagecaption":
                return Edit(body);
            case "deletemessage":
                return Delete(body);
            default:
                return (null, 400, $"Bad Request: method {method} is not served by the preview");
        }
    }

    private (JsonNode?, int, string?) Send(string method, JsonObject body)
    {
        if (ChatOf(body) is not { } chat)
        {
            return (null, 400, "Bad Request: chat not found");
        }

        var markup = body["reply_markup"]?.DeepClone();
        var (kind, text, extra) = method switch
        {
            "sendvenue" => ("venue", $"{body["title"]}\n{body["address"]}", new JsonObject { ["latitude"] = body["latitude"]?.DeepClone(), ["longitude"] = body["longitude"]?.DeepClone() }),
            "sendlocation" => ("venue", "📍", new JsonObject { ["latitude"] = body["latitude"]?.DeepClone(), ["longitude"] = body["longitude"]?.DeepClone() }),
            "sendphoto" => ("photo", body["caption"]?.ToString(), new JsonObject { ["photo"] = body["photo"]?.ToString() }),
            _ => ("text", body["text"]?.ToString(), (JsonObject?)null),
        };
        lock (chat.Gate)
        {
            if (markup?["keyboard"] is JsonArray keyboard)
            {
                chat.ReplyKeyboard = (JsonArray)keyboard.DeepClone();
            }
            else if (markup?["remove_keyboard"]?.GetValue<bool>() == true)
            {
                chat.ReplyKeyboard = null;
            }
        }

        var message = AddMessage(chat, fromBot: true, kind, text, markup?["inline_keyboard"] is null ? null : markup, extra);
        var json = MessageJson(chat, message, fromUser: false);
        if (text is not null)
        {
            json["text"] = text;
        }

        return (json, 200, null);
    }

    private (JsonNode?, int, string?) Edit(JsonObject body)
    {
        if (ChatOf(body) is not { } chat || body["message_id"]?.GetValue<int>() is not { } messageId)
        {
            return (null, 400, "Bad Request: message to edit not found");
        }

        PreviewMessage? edited = null;
        lock (chat.Gate)
        {
            var index = chat.Items.FindIndex(m => m.Id == messageId && m.FromBot);
            if (index < 0)
            {
                return (null, 400, "Bad Request: message to edit not found");
            }

            var old = chat.Items[index];
            var text = body["text"]?.ToString() ?? body["caption"]?.ToString() ?? old.Text;
            var markup = body["reply_markup"]?.DeepClone();
            if (text == old.Text && JsonNode.DeepEquals(markup, old.Markup))
            {
                return (null, 400, "Bad Request: message is not modified");
            }

            edited = old with { Text = text, Markup = markup, Edited = true };
            chat.Items[index] = edited;
            chat.Version++;
        }

        Changed?.Invoke(chat.Id);
        var json = MessageJson(chat, edited, fromUser: false);
        json["text"] = edited.Text;
        return (json, 200, null);
    }

    private (JsonNode?, int, string?) Delete(JsonObject body)
    {
        if (ChatOf(body) is { } chat && body["message_id"]?.GetValue<int>() is { } messageId)
        {
            lock (chat.Gate)
            {
                chat.Items.RemoveAll(m => m.Id == messageId);
                chat.Version++;
            }

            Changed?.Invoke(chat.Id);
        }

        return (true, 200, null);
    }

    private void AnswerCallback(JsonObject body)
    {
        var text = body["text"]?.ToString();
        if (string.IsNullOrEmpty(text) || !_queries.TryRemove(body["callback_query_id"]?.ToString() ?? "", out var chatId))
        {
            return;
        }

        var alert = body["show_alert"]?.GetValue<bool>() == true;
        if (Find(chatId) is { } chat)
        {
            lock (chat.Gate)
            {
                chat.Notice = (text, alert);
                chat.Version++;
            }

            Changed?.Invoke(chatId);
        }
    }

    private async Task<JsonArray> GetUpdatesAsync(JsonObject body, CancellationToken ct)
    {
        var offset = body["offset"]?.GetValue<long>() ?? 0;
        var timeout = TimeSpan.FromSeconds(Math.Clamp(body["timeout"]?.GetValue<int>() ?? 0, 0, 50));
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            lock (_pending)
            {
                _pending.RemoveAll(p => p.Id < offset);
                if (_pending.Count > 0)
                {
                    return [.. _pending.Take(100).Select(p => (JsonNode)p.Update.DeepClone())];
                }
            }

            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return [];
            }

            try
            {
                await _arrived.WaitAsync(left, ct);
            }
            catch (OperationCanceledException)
            {
                return [];
            }
        }
    }

    private PreviewChat Require(long chatId) =>
        Find(chatId) ?? throw new ArgumentException($"Chat {chatId} is not a preview chat.", nameof(chatId));

    private PreviewChat? ChatOf(JsonObject body)
    {
        var raw = body["chat_id"]?.ToString();
        return long.TryParse(raw, out var id) ? id == StaffChatId ? StaffChat : _chats.GetValueOrDefault(id) : null;
    }

    private PreviewMessage AddMessage(PreviewChat chat, bool fromBot, string kind, string? text, JsonNode? markup, JsonObject? extra = null)
    {
        var message = new PreviewMessage(Interlocked.Increment(ref _nextMessageId), fromBot, kind, text, markup, false, time.GetUtcNow().UtcDateTime, extra);
        lock (chat.Gate)
        {
            chat.Items.Add(message);
            if (!fromBot)
            {
                chat.Notice = null;
            }

            chat.Version++;
        }

        Changed?.Invoke(chat.Id);
        return message;
    }

    private JsonObject MessageJson(PreviewChat chat, PreviewMessage message, bool fromUser) => new()
    {
        ["message_id"] = message.Id,
        ["date"] = new DateTimeOffset(message.AtUtc, TimeSpan.Zero).ToUnixTimeSeconds(),
        ["chat"] = ChatJson(chat),
        ["from"] = fromUser ? User(chat.Id, chat.Title, chat.Language) : User(BotUserId, "Preview", "ru", isBot: true, username: BotUsername),
    };

    private static JsonObject ChatJson(PreviewChat chat) => chat.IsStaff
        ? new JsonObject { ["id"] = chat.Id, ["type"] = "supergroup", ["title"] = chat.Title }
        : new JsonObject { ["id"] = chat.Id, ["type"] = "private", ["first_name"] = chat.Title };

    private static JsonObject User(long id, string name, string language, bool isBot = false, string? username = null)
    {
        var user = new JsonObject { ["id"] = id, ["is_bot"] = isBot, ["first_name"] = name, ["language_code"] = language };
        if (username is not null)
        {
            user["username"] = username;
        }

        return user;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>The JSON body of a Bot API request (JSON or form-encoded, as Telegram.Bot sends it).</summary>
    public static async Task<JsonObject> ReadBodyAsync(HttpContent? content, CancellationToken ct)
    {
        if (content is null)
        {
            return [];
        }

        var mediaType = content.Headers.ContentType?.MediaType;
        if (mediaType == "application/json")
        {
            return (await JsonNode.ParseAsync(await content.ReadAsStreamAsync(ct), cancellationToken: ct))?.AsObject() ?? [];
        }

        if (content is MultipartFormDataContent multipart)
        {
            var body = new JsonObject();
            foreach (var part in multipart)
            {
                var name = part.Headers.ContentDisposition?.Name?.Trim('"');
                if (name is not null && part.Headers.ContentDisposition?.FileName is null)
                {
                    var value = await part.ReadAsStringAsync(ct);
                    body[name] = value.StartsWith('{') || value.StartsWith('[') ? JsonNode.Parse(value) : value;
                }
                else if (name is not null)
                {
                    body[name] = "attached file";
                }
            }

            return body;
        }

        return [];
    }

    /// <summary>Telegram's response envelope.</summary>
    public static string Envelope(JsonNode? result, int status, string? error) =>
        status == 200
            ? new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString()
            : new JsonObject { ["ok"] = false, ["error_code"] = status, ["description"] = error }.ToJsonString();

    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
