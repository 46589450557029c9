using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using HookahLounge.Core.Data;
using HookahLounge.Core.Lounge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HookahLounge.Core.Notifications;

/// <summary>
/// SMS through the SMSC.RU HTTP API (<c>/sys/send.php</c>, JSON answers with <c>fmt=3</c>). The outbox id goes
/// as SMSC's message id, so a repeated request is answered "duplicate" (error 9), which counts as sent.
/// </summary>
public sealed class SmscSmsChannel(HttpClient http, IOptions<SmsOptions> options, LoungeDbContext db, LoungeProfile lounge) : INotificationChannel
{
    public NotificationChannel Channel => NotificationChannel.Sms;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var sms = options.Value;
        if (!sms.Enabled)
        {
            return DeliveryResult.Skipped("SMS is not configured (Sms:Login and Sms:Password, or Sms:ApiKey).");
        }

        if (string.IsNullOrWhiteSpace(message.Phone))
        {
            return DeliveryResult.Failed("No phone number.");
        }

        if (message.Kind == NotificationKind.Promo && QuietFor(lounge.LocalNow) is { } wait)
        {
            return DeliveryResult.Defer("Quiet hours: promo SMS waits for the morning.", wait);
        }

        // The business day that contains now: before the cut-off (e.g. 03:00) it is still yesterday's.
        var (dayStart, dayEnd) = lounge.BusinessDayUtc(DateOnly.FromDateTime(lounge.LocalNow - lounge.Options.BusinessDayStartsAt));
        var sentToday = await db.Outbox.CountAsync(
            m => m.Channel == NotificationChannel.Sms && m.Status == OutboxStatus.Sent && m.SentAtUtc >= dayStart && m.SentAtUtc < dayEnd, ct);
        if (sentToday >= sms.DailyLimit)
        {
            return DeliveryResult.Skipped($"The daily SMS limit ({sms.DailyLimit}) is reached.");
        }

        var form = new Dictionary<string, string>
        {
            ["phones"] = message.Phone,
            ["mes"] = message.Text,
            ["charset"] = "utf-8",
            ["fmt"] = "3",
            ["id"] = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrWhiteSpace(sms.ApiKey))
        {
            form["apikey"] = sms.ApiKey;
        }
        else
        {
            form["login"] = sms.Login!;
            form["psw"] = sms.Password!;
        }

        if (!string.IsNullOrWhiteSpace(sms.Sender))
        {
            form["sender"] = sms.Sender;
        }

        SmscAnswer? answer;
        try
        {
            using var response = await http.PostAsync($"{sms.SmscBaseUrl.TrimEnd('/')}/sys/send.php", new FormUrlEncodedContent(form), ct);
            if (!response.IsSuccessStatusCode)
            {
                return DeliveryResult.Retry($"SMSC answered HTTP {(int)response.StatusCode}.");
            }

            answer = await response.Content.ReadFromJsonAsync<SmscAnswer>(ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return DeliveryResult.Retry($"SMSC could not be reached: {ex.Message}");
        }

        return answer switch
        {
            null => DeliveryResult.Retry("SMSC sent an empty answer."),
            { ErrorCode: null } => DeliveryResult.Sent,
            { ErrorCode: var code, Error: var error } => Map(code.Value, error),
        };
    }

    /// <summary>SMSC.RU error codes of send.php.</summary>
    public static DeliveryResult Map(int code, string? error) => code switch
    {
        9 => DeliveryResult.Sent, // the same message id again: it was sent before
        4 => DeliveryResult.Retry($"SMSC: IP temporarily blocked ({error}).", TimeSpan.FromMinutes(5)),
        1 => DeliveryResult.Failed($"SMSC: bad parameters ({error})."),
        2 => DeliveryResult.Failed($"SMSC: wrong login or password ({error})."),
        3 => DeliveryResult.Failed($"SMSC: not enough money on the account ({error})."),
        5 => DeliveryResult.Failed($"SMSC: wrong date format ({error})."),
        6 => DeliveryResult.Failed($"SMSC: message forbidden by text or sender name ({error})."),
        7 => DeliveryResult.Failed($"SMSC: wrong phone number format ({error})."),
        8 => DeliveryResult.Failed($"SMSC: the message cannot be delivered to this number ({error})."),
        _ => DeliveryResult.Retry($"SMSC error {code}: {error}"),
    };

    /// <summary>How long until the quiet hours end, or null outside them.</summary>
    private TimeSpan? QuietFor(DateTime local)
    {
        var (start, end) = (options.Value.QuietHoursStart, options.Value.QuietHoursEnd);
        var time = local.TimeOfDay;
        var inside = start <= end ? time >= start && time < end : time >= start || time < end;
        if (!inside)
        {
            return null;
        }

        var until = time < end ? end - time : TimeSpan.FromDays(1) - time + end;
        return until;
    }

    private sealed record SmscAnswer(
        [property: JsonPropertyName("id")] long? Id,
        [property: JsonPropertyName("cnt")] int? Count,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_code")] int? ErrorCode);
}
