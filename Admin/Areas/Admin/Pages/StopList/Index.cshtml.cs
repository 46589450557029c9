using System.Text.RegularExpressions;
using HookahLounge.Core.Menu;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.StopList;

/// <summary>
/// The stop-list for the floor during service (any staff): big switches per item and per option value, a search,
/// and ticks for switching several at once. One form, no JavaScript: each switch is a submit button of its own.
/// </summary>
public sealed partial class StopListIndexModel(MenuLibrary library, MenuEditor editor) : AdminPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public StopListView View { get; private set; } = new([], []);

    public async Task OnGetAsync(CancellationToken ct) => View = await library.StopListAsync(Q, ct);

    [GeneratedRegex("^(item|value)-([0-9]{1,9})-(on|off)$")]
    private static partial Regex SwitchPattern();

    /// <param name="toggle">A single switch, e.g. <c>item-12-off</c> or <c>value-7-on</c>.</param>
    /// <param name="bulk"><c>off</c> or <c>on</c> for everything ticked in <paramref name="items"/> and <paramref name="values"/>.</param>
    public async Task<IActionResult> OnPostAsync(string? toggle, string? bulk, int[]? items, int[]? values, CancellationToken ct)
    {
        string message;
        if (toggle is not null && SwitchPattern().Match(toggle) is { Success: true } match)
        {
            var id = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            var available = match.Groups[3].Value == "on";
            var error = match.Groups[1].Value == "item" ? await editor.SetItemAvailableAsync(id, available, ct) : await editor.SetValueAvailableAsync(id, available, ct);
            message = error == MenuEditError.None ? (available ? "Снова в продаже." : "В стоп-листе.") : Menu.MenuTexts.Error(error);
        }
        else if (bulk is "on" or "off" && ModelState.IsValid)
        {
            var error = await editor.SetStopListAsync(items ?? [], values ?? [], bulk == "on", ct);
            var count = (items?.Length ?? 0) + (values?.Length ?? 0);
            message = error == MenuEditError.None
                ? (bulk == "on" ? $"Снова в продаже: {count}." : $"В стоп-листе: {count}.")
                : Menu.MenuTexts.Error(error);
        }
        else
        {
            message = "Не понял, что переключить. Ничего не изменено.";
        }

        TempData["Flash"] = message;
        return RedirectToPage(new { q = string.IsNullOrWhiteSpace(Q) ? null : Q });
    }
}
