using System.Security.Claims;
using System.Threading.RateLimiting;
using HookahLounge.Core.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HookahLounge.Admin;

/// <summary>Who may do what in the back office. Roles nest: an Owner can do what a Manager can, and so on.</summary>
public static class AdminPolicies
{
    public const string AnyStaff = nameof(AnyStaff);
    public const string ManagerOrOwner = nameof(ManagerOrOwner);
    public const string OwnerOnly = nameof(OwnerOnly);
    public const string LoginRateLimit = "admin-login";
    public const string StampClaim = "hl:stamp";
}

public static class AdminRegistration
{
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var development = builder.Environment.IsDevelopment();
        services.AddScoped<LoungeClockText>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.ModelMetadataDetailsProviders.Add(new Validation.ValidationTextsProvider()));
        services.AddHttpContextAccessor();
        services.AddSingleton<HookahLounge.Core.Audit.IAuditActorSource, StaffAuditActor>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = ".HookahLounge.Admin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.Path = "/";

                // Plain HTTP only on a developer's machine; everywhere else the cookie never leaves TLS.
                o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                o.LoginPath = "/admin/account/login";
                o.LogoutPath = "/admin/account/logout";
                o.AccessDeniedPath = "/admin/account/accessdenied";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ValidateStampAsync;
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicies.AnyStaff, p => p.RequireRole(nameof(StaffRole.Staff), nameof(StaffRole.Manager), nameof(StaffRole.Owner)))
            .AddPolicy(AdminPolicies.ManagerOrOwner, p => p.RequireRole(nameof(StaffRole.Manager), nameof(StaffRole.Owner)))
            .AddPolicy(AdminPolicies.OwnerOnly, p => p.RequireRole(nameof(StaffRole.Owner)));

        services.AddRateLimiter(o => o.AddPolicy(AdminPolicies.LoginRateLimit, http =>
            HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(5) })
                : RateLimitPartition.GetNoLimiter("get")));
        return builder;
    }

    public static ClaimsPrincipal PrincipalFor(StaffUser user) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, user.Login),
            new Claim(ClaimTypes.GivenName, user.DisplayName),
            new Claim(ClaimTypes.Role, user.Role.ToString()),
            new Claim(AdminPolicies.StampClaim, user.SecurityStamp),
        ],
        CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>A disabled account, a new password or a changed role ends existing sessions on their next request.</summary>
    private static async Task ValidateStampAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var valid = int.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
                    && principal!.FindFirstValue(AdminPolicies.StampClaim) is { } stamp
                    && await context.HttpContext.RequestServices.GetRequiredService<StaffAccounts>().IsSessionValidAsync(id, stamp, context.HttpContext.RequestAborted);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
