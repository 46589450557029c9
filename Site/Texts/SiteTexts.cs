namespace HookahLounge.Site.Texts;

/// <summary>Marker for the public site's texts: <c>SiteTexts.resx</c> (Russian, the default) and <c>SiteTexts.en.resx</c>.</summary>
public sealed class SiteTexts;
