namespace HookahLounge.Core.Menu;

public sealed record PricedChoice(decimal UnitPrice, string? Summary, string? Problem);

/// <summary>
/// Checks a guest's option choices against an item's rules (required groups, min/max picks, stop-list) and
/// prices them: item price plus the chosen values' surcharges. The one place that decides what a line costs.
/// </summary>
public static class MenuPricing
{
    public const string MasterChoice = "на выбор мастера";

    /// <summary>The preselected values of an item: each group's defaults that are in stock, within the group's maximum.</summary>
    public static List<int> DefaultChoice(MenuItem item) =>
        [.. item.OptionGroups.SelectMany(g => g.Values.Where(v => v.IsDefault && v.IsAvailable).OrderBy(v => v.SortOrder).Take(g.MaxSelected)).Select(v => v.Id)];


    /// <summary>
    /// Prices a choice. The summary and problem texts name groups and values in <paramref name="language"/> (see
    /// <see cref="Localized"/>) for the guest's screen; without a language they are Russian, as an order line stores them for staff.
    /// </summary>
    public static PricedChoice Price(MenuItem item, IReadOnlyCollection<int> chosenValueIds, string? language = null)
    {
        var known = item.OptionGroups.SelectMany(g => g.Values.Select(v => (Group: g, Value: v))).ToDictionary(x => x.Value.Id);
        var unknown = chosenValueIds.Where(id => !known.ContainsKey(id)).ToList();
        if (unknown.Count > 0 || chosenValueIds.Distinct().Count() != chosenValueIds.Count)
        {
            return new(0, null, "options");
        }

        var soldOut = chosenValueIds.Select(id => known[id].Value).Where(v => !v.IsAvailable).Select(v => v.DisplayName(language)).ToList();
        if (soldOut.Count > 0)
        {
            return new(0, null, "sold-out:" + string.Join(", ", soldOut));
        }

        var parts = new List<string>();
        foreach (var group in item.OptionGroups.OrderBy(g => g.SortOrder))
        {
            var picked = group.Values.Where(v => chosenValueIds.Contains(v.Id)).OrderBy(v => v.SortOrder).ToList();
            if (picked.Count < group.MinSelected || picked.Count > group.MaxSelected)
            {
                return new(0, null, "group:" + group.DisplayName(language));
            }

            if (picked.Count > 0)
            {
                parts.Add($"{group.DisplayName(language)}: {string.Join(", ", picked.Select(v => v.DisplayName(language)))}");
            }
            else
            {
                // An optional choice left open is the hookah master's call; staff should see that it was left to them.
                parts.Add($"{group.DisplayName(language)}: {(Localized.IsEnglish(language) ? "master's choice" : MasterChoice)}");
            }
        }

        var price = item.Price + chosenValueIds.Sum(id => known[id].Value.PriceDelta);
        return new(price, parts.Count == 0 ? null : string.Join("; ", parts), null);
    }
}
