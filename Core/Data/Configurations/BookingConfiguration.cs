using HookahLounge.Core.Bookings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HookahLounge.Core.Data.Configurations;

internal sealed class ZoneConfiguration : IEntityTypeConfiguration<Zone>
{
    public void Configure(EntityTypeBuilder<Zone> builder)
    {
        builder.Property(z => z.Name).HasMaxLength(100);
        builder.Property(z => z.Description).HasMaxLength(500);
        builder.HasMany(z => z.Tables).WithOne(t => t.Zone).HasForeignKey(t => t.ZoneId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LoungeTableConfiguration : IEntityTypeConfiguration<LoungeTable>
{
    public void Configure(EntityTypeBuilder<LoungeTable> builder)
    {
        builder.ToTable("LoungeTables");
        builder.HasIndex(t => t.Number).IsUnique();
    }
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.Property(b => b.Code).HasMaxLength(12);
        builder.HasIndex(b => b.Code).IsUnique();
        builder.Property(b => b.GuestName).HasMaxLength(200);
        builder.Property(b => b.GuestPhone).HasMaxLength(20);
        builder.Property(b => b.Comment).HasMaxLength(Booking.CommentMaxLength);
        builder.Property(b => b.CancelReason).HasMaxLength(500);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.Source).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(b => new { b.TableId, b.StartUtc });
        builder.HasIndex(b => b.StartUtc);
        builder.HasOne(b => b.Customer).WithMany().HasForeignKey(b => b.CustomerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(b => b.Table).WithMany().HasForeignKey(b => b.TableId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(b => b.AccessToken).HasMaxLength(64);
        builder.HasIndex(b => new { b.Status, b.ReminderSentAtUtc, b.StartUtc });
        builder.Ignore(b => b.HoldsTable);
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.Property(b => b.ClientIp).HasMaxLength(45);
        builder.Property(b => b.VerificationCodeHash).HasMaxLength(64);
        builder.Property(b => b.TelegramTokenHash).HasMaxLength(64);
        builder.HasIndex(b => b.TelegramTokenHash).IsUnique();
        builder.HasIndex(b => new { b.Source, b.CreatedAtUtc });
    }
}

internal sealed class BookingSettingsConfiguration : IEntityTypeConfiguration<BookingSettings>
{
    public void Configure(EntityTypeBuilder<BookingSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Ignore(s => s.DurationStepMinutes);
    }
}

internal sealed class BookingStatusChangeConfiguration : IEntityTypeConfiguration<BookingStatusChange>
{
    public void Configure(EntityTypeBuilder<BookingStatusChange> builder)
    {
        builder.Property(c => c.From).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.To).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ByKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ByName).HasMaxLength(100);
        builder.Property(c => c.Reason).HasMaxLength(500);
        builder.HasIndex(c => c.BookingId);
        builder.HasOne<Booking>().WithMany().HasForeignKey(c => c.BookingId).OnDelete(DeleteBehavior.Cascade);
    }
}
