using System.Text.Json.Nodes;

namespace HookahLounge.Testing;

/// <summary>Telegram updates as Telegram sends them (JSON), for pushing into <see cref="FakeTelegram"/>.</summary>
public static class Updates
{
    public static JsonObject User(long userId, string language = "ru", string firstName = "Гость") => new()
    {
        ["id"] = userId,
        ["is_bot"] = false,
        ["first_name"] = firstName,
        ["username"] = $"guest{userId}",
        ["language_code"] = language,
    };

    private static JsonObject PrivateChat(long chatId) => new() { ["id"] = chatId, ["type"] = "private", ["first_name"] = "Гость" };

    public static JsonObject Text(long updateId, long chatId, string text, string language = "ru", int messageId = 1)
    {
        var message = Message(chatId, language, messageId);
        message["text"] = text;
        if (text.StartsWith('/'))
        {
            message["entities"] = new JsonArray(new JsonObject { ["offset"] = 0, ["length"] = text.Split(' ')[0].Length, ["type"] = "bot_command" });
        }

        return new JsonObject { ["update_id"] = updateId, ["message"] = message };
    }

    /// <summary>The guest shared their own phone through the contact button.</summary>
    public static JsonObject Contact(long updateId, long chatId, string phone)
    {
        var message = Message(chatId, "ru", 1);
        message["contact"] = new JsonObject { ["phone_number"] = phone, ["first_name"] = "Гость", ["user_id"] = chatId };
        return new JsonObject { ["update_id"] = updateId, ["message"] = message };
    }

    public static JsonObject Sticker(long updateId, long chatId)
    {
        var message = Message(chatId, "ru", 1);
        message["sticker"] = new JsonObject
        {
            ["file_id"] = "sticker-file", ["file_unique_id"] = "sticker-unique", ["type"] = "regular",
            ["width"] = 512, ["height"] = 512, ["is_animated"] = false, ["is_video"] = false,
        };
        return new JsonObject { ["update_id"] = updateId, ["message"] = message };
    }

    public static JsonObject Button(long updateId, long chatId, string data, int messageId = 1, string language = "ru") => new()
    {
        ["update_id"] = updateId,
        ["callback_query"] = new JsonObject
        {
            ["id"] = $"cq-{updateId}",
            ["from"] = User(chatId, language),
            ["chat_instance"] = $"ci-{chatId}",
            ["data"] = data,
            ["message"] = new JsonObject
            {
                ["message_id"] = messageId,
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["chat"] = PrivateChat(chatId),
                ["from"] = new JsonObject { ["id"] = 123456789, ["is_bot"] = true, ["first_name"] = "Oblaka" },
                ["text"] = "…",
            },
        },
    };

    public static JsonObject GroupText(long updateId, long groupId, long userId, string text) => new()
    {
        ["update_id"] = updateId,
        ["message"] = new JsonObject
        {
            ["message_id"] = 1,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = groupId, ["type"] = "supergroup", ["title"] = "Staff" },
            ["from"] = User(userId),
            ["text"] = text,
        },
    };

    private static JsonObject Message(long chatId, string language, int messageId) => new()
    {
        ["message_id"] = messageId,
        ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["chat"] = PrivateChat(chatId),
        ["from"] = User(chatId, language),
    };
}
