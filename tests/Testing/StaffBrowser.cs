using AngleSharp.Dom;
using HookahLounge.Core.Staff;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HookahLounge.Testing;

/// <summary>A staff member's browser against the admin area: cookies kept, redirects not followed, forms posted with their tokens.</summary>
public sealed class StaffBrowser(LoungeAppFactory app)
{
    public HttpClient Client { get; } = app.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    });

    public static async Task<StaffUser> CreateAccountAsync(LoungeAppFactory app, string login, string password, StaffRole role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(login, login, password, role);
        return result.User ?? throw new InvalidOperationException($"Could not create {login}: {result.Error}");
    }

    public async Task<HttpResponseMessage> LoginAsync(string login, string password, string? returnUrl = null)
    {
        var page = await (await Client.GetAsync("/admin/account/login")).ReadHtmlAsync();
        return await PostFormAsync("/admin/account/login" + (returnUrl is null ? "" : $"?returnUrl={Uri.EscapeDataString(returnUrl)}"), page, new()
        {
            ["Input.Login"] = login,
            ["Input.Password"] = password,
        });
    }

    /// <summary>Posts a form the way a browser does, with the antiforgery token from <paramref name="page"/>.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, IDocument page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = page.AntiforgeryToken();
        return Client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    public async Task<IDocument> GetPageAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return await response.ReadHtmlAsync();
    }
}
