namespace HookahLounge.Core.Staff;

public enum StaffRole
{
    Staff = 0,
    Manager = 1,
    Owner = 2,
}

/// <summary>A back-office account.</summary>
public sealed class StaffUser
{
    public int Id { get; set; }

    /// <summary>Stored lower-case; logins are case-insensitive.</summary>
    public required string Login { get; set; }

    public required string DisplayName { get; set; }

    public string PasswordHash { get; set; } = "";

    public StaffRole Role { get; set; }

    public bool IsActive { get; set; } = true;

    public int FailedLoginCount { get; set; }

    public DateTime? LockoutEndUtc { get; set; }

    /// <summary>Lets this person act on staff-chat buttons in Telegram.</summary>
    public long? TelegramUserId { get; set; }

    /// <summary>Changes with the password so existing cookies stop working.</summary>
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? LastLoginAtUtc { get; set; }
}
