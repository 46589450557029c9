using System.Globalization;
using HookahLounge.Core.Lounge;

namespace HookahLounge.Admin;

/// <summary>Formats stored UTC instants in the lounge's time zone for staff pages.</summary>
public sealed class LoungeClockText(LoungeProfile lounge)
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    public string Time(DateTime utc) => lounge.ToLocal(utc).ToString("HH:mm", Russian);

    public string DateTime(DateTime utc) => lounge.ToLocal(utc).ToString("d MMM yyyy, HH:mm", Russian);

    public string DateTime(DateTime? utc) => utc is { } value ? DateTime(value) : "—";
}
