using System.ComponentModel.DataAnnotations;

namespace HookahLounge.Admin.Areas.Admin.Pages.Menu;

/// <summary>A shared option group as staff type it.</summary>
public sealed class GroupInput
{
    [Required]
    [StringLength(100)]
    [Display(Name = "Название")]
    public string? Name { get; set; }

    [StringLength(100)]
    [Display(Name = "Название (англ.)")]
    public string? NameEn { get; set; }

    [Range(0, 20)]
    [Display(Name = "Выбор от")]
    public int Min { get; set; }

    [Range(1, 20)]
    [Display(Name = "Выбор до")]
    public int Max { get; set; } = 1;
}
