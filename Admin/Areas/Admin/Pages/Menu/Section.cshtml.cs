using System.ComponentModel.DataAnnotations;
using HookahLounge.Core.Menu;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HookahLounge.Admin.Areas.Admin.Pages.Menu;

/// <summary>One menu section: its names, web address and visibility; archive or delete it.</summary>
[Authorize(Policy = AdminPolicies.ManagerOrOwner)]
public sealed class MenuSectionModel(MenuLibrary library, MenuEditor editor) : AdminPageModel
{
    [BindProperty]
    public SectionInput Input { get; set; } = new();

    public MenuCategory? Section { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            if ((Section = await library.SectionAsync(existing, ct)) is null)
            {
                return NotFound();
            }

            Input = new SectionInput { Name = Section.Name, NameEn = Section.NameEn, Slug = Section.Slug, IsVisible = Section.IsVisible };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken ct)
    {
        var current = id is { } existing ? await library.SectionAsync(existing, ct) : null;
        if (id is not null && current is null)
        {
            TempData["Flash"] = MenuTexts.Error(MenuEditError.NotFound);
            return RedirectToPage("Index");
        }

        if (ModelState.IsValid)
        {
            var error = await editor.SaveCategoryAsync(id, Input.Name, Input.Slug, current?.SortOrder ?? 0, Input.IsVisible, Input.NameEn, ct);
            if (error == MenuEditError.None)
            {
                TempData["Flash"] = id is null ? "Раздел добавлен." : "Раздел сохранён.";
                return RedirectToPage("Index");
            }

            ModelState.AddModelError("", MenuTexts.Error(error));
        }

        Section = current;
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, CancellationToken ct)
    {
        var error = await editor.RestoreAsync(MenuEntry.Section, id, ct);
        TempData["Flash"] = error == MenuEditError.None ? "Раздел возвращён из архива." : MenuTexts.Error(error);
        return error == MenuEditError.None ? RedirectToPage(new { id }) : RedirectToPage("Index");
    }

    public sealed class SectionInput
    {
        [Required]
        [StringLength(100)]
        [Display(Name = "Название")]
        public string? Name { get; set; }

        [StringLength(100)]
        [Display(Name = "Название (англ.)")]
        public string? NameEn { get; set; }

        [Required]
        [RegularExpression("^[a-zA-Z0-9-]{1,60}$", ErrorMessage = "Адрес раздела — латиница, цифры и дефис (например, «hookahs»).")]
        [Display(Name = "Адрес на сайте")]
        public string? Slug { get; set; }

        public bool IsVisible { get; set; } = true;
    }
}
