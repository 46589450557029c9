using System.ComponentModel.DataAnnotations;

namespace HookahLounge.Core.Staff;

/// <summary>Section "Admin".</summary>
public sealed class StaffAccountOptions
{
    public const string Section = "Admin";

    [Range(1, 100)]
    public int MaxFailedLogins { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    [Range(8, 128)]
    public int PasswordMinLength { get; set; } = 8;

    /// <summary>Creates this Owner at start-up when no Owner exists yet; leave empty in production and use create-admin.</summary>
    public BootstrapOwner? Bootstrap { get; set; }

    public sealed class BootstrapOwner
    {
        public string? Login { get; set; }

        public string? Password { get; set; }

        public string DisplayName { get; set; } = "Владелец";
    }
}
