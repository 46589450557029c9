namespace HookahLounge.Core.Notifications;

/// <summary>Marker for guest notification texts: <c>NotificationTexts.resx</c> (Russian) and <c>.en.resx</c>.</summary>
public sealed class NotificationTexts;
