using HookahLounge.Core.Bookings;
using HookahLounge.Core.Lounge;
using Microsoft.AspNetCore.Mvc;
using QRCoder;

namespace HookahLounge.Admin.Areas.Admin.Pages.Tables;

/// <summary>Printable QR codes, one per table: scanning opens the bot with "/start table_N", which opens a visit.</summary>
public sealed class TablesQrModel(FloorPlan floor, LoungeProfile lounge) : AdminPageModel
{
    public IReadOnlyList<(int Number, string Zone, string Link)> Codes { get; private set; } = [];

    public bool BotConfigured => lounge.BotLink() is not null;

    public async Task OnGetAsync(CancellationToken ct) =>
        Codes = [.. (await floor.ZonesAsync(ct)).SelectMany(z => z.Tables.Where(t => t.IsActive).Select(t => (t.Number, z.Name, lounge.BotLink($"table_{t.Number}") ?? "")))];

    public IActionResult OnGetImage(int number)
    {
        if (number < 1 || lounge.BotLink($"table_{number}") is not { } link)
        {
            return NotFound();
        }

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return File(new PngByteQRCode(data).GetGraphic(10), "image/png");
    }
}
