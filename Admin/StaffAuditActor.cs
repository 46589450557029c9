using System.Globalization;
using System.Security.Claims;
using HookahLounge.Core.Audit;
using HookahLounge.Core.Staff;
using Microsoft.AspNetCore.Http;

namespace HookahLounge.Admin;

/// <summary>The signed-in back-office user of the current request, for the audit log.</summary>
public sealed class StaffAuditActor(IHttpContextAccessor http) : IAuditActorSource
{
    public AuditIdentity? Current
    {
        get
        {
            var user = http.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated != true
                || !(user.IsInRole(nameof(StaffRole.Staff)) || user.IsInRole(nameof(StaffRole.Manager)) || user.IsInRole(nameof(StaffRole.Owner)))
                || user.FindFirstValue(ClaimTypes.Name) is not { } login)
            {
                return null;
            }

            return new AuditIdentity(
                int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null,
                login);
        }
    }
}
