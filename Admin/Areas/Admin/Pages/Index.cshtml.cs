using HookahLounge.Core.Analytics;
using HookahLounge.Core.Lounge;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Configuration;

namespace HookahLounge.Admin.Areas.Admin.Pages;

public sealed class IndexModel(LoungeOverview overview, LoungeProfile lounge, IConfiguration configuration) : AdminPageModel
{
    public OverviewNumbers Numbers { get; private set; } = null!;

    public bool IsOpen { get; private set; }

    public string BotStatus { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Numbers = await overview.GetAsync(ct);
        IsOpen = lounge.IsOpenNow;
        var tokenSet = !string.IsNullOrWhiteSpace(configuration["Telegram:BotToken"]);
        var webhook = !string.IsNullOrWhiteSpace(configuration["Telegram:WebhookUrl"]);
        BotStatus = !tokenSet
            ? "Бот выключен: не задан Telegram:BotToken. Сайт и панель работают без него."
            : webhook ? "Бот работает через webhook." : "Бот работает в режиме long polling.";
    }
}
