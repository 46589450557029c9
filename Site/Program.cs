using HookahLounge.Admin;
using HookahLounge.Bot;
using HookahLounge.Core;
using HookahLounge.Site.Cli;
using HookahLounge.Site.Extensions;
using HookahLounge.Site.Scheduling;

var command = CliCommand.Parse(args);
var builder = WebApplication.CreateBuilder(command?.HostArgs ?? args);
builder.AddCore();
builder.AddBot();
builder.AddAdmin();
builder.AddSite();
if (command is null)
{
    builder.AddScheduling();
}

var app = builder.Build();
if (command is not null)
{
    return await command.RunAsync(app);
}

app.UseSite();
await app.RunAsync();
return 0;

/// <summary>Entry point marker for WebApplicationFactory in tests.</summary>
public partial class Program;
