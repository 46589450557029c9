using System.Globalization;
using System.Text;
using HookahLounge.Core.Bookings;

namespace HookahLounge.Site.Pages.Booking;

/// <summary>
/// A booking as an iCalendar (RFC 5545) file, so "add to calendar" works in every calendar app: times in UTC,
/// text escaped, long lines folded at 75 octets, CRLF line ends.
/// </summary>
public static class BookingCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public sealed record Event(
        string Uid, DateTime StartUtc, DateTime EndUtc, DateTime StampUtc, string Summary, string Location,
        string Description, string Url, double Latitude, double Longitude, BookingStatus Status);

    public static string Write(Event e)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//HookahLounge//Booking//RU",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            "UID:" + Escape(e.Uid),
            "DTSTAMP:" + Utc(e.StampUtc),
            "DTSTART:" + Utc(e.StartUtc),
            "DTEND:" + Utc(e.EndUtc),
            "SUMMARY:" + Escape(e.Summary),
            "LOCATION:" + Escape(e.Location),
            FormattableString.Invariant($"GEO:{e.Latitude:0.######};{e.Longitude:0.######}"),
            "DESCRIPTION:" + Escape(e.Description),
            "URL:" + e.Url,
            "STATUS:" + e.Status switch
            {
                BookingStatus.Cancelled or BookingStatus.NoShow => "CANCELLED",
                BookingStatus.New => "TENTATIVE",
                _ => "CONFIRMED",
            },
            "END:VEVENT",
            "END:VCALENDAR",
        };
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(text, line);
        }

        return text.ToString();
    }

    private static string Utc(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>TEXT values: backslash, semicolon and comma are escaped, line breaks become \n.</summary>
    public static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>Lines longer than 75 octets go on in lines that start with a space, never splitting a character.</summary>
    private static void Fold(StringBuilder text, string line)
    {
        var octets = 0;
        var limit = 75;
        var enumerator = StringInfo.GetTextElementEnumerator(line);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var size = Encoding.UTF8.GetByteCount(element);
            if (octets + size > limit)
            {
                text.Append("\r\n ");
                octets = 0;
                limit = 74;
            }

            text.Append(element);
            octets += size;
        }

        text.Append("\r\n");
    }
}
