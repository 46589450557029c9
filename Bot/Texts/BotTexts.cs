namespace HookahLounge.Bot.Texts;

/// <summary>Marker for the bot's texts: <c>BotTexts.resx</c> (Russian, the default) and <c>BotTexts.en.resx</c>.</summary>
public sealed class BotTexts;
