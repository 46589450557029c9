using HookahLounge.Core.Broadcasts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HookahLounge.Core.Data.Configurations;

internal sealed class BroadcastConfiguration : IEntityTypeConfiguration<Broadcast>
{
    public void Configure(EntityTypeBuilder<Broadcast> builder)
    {
        builder.Property(b => b.Title).HasMaxLength(BroadcastService.MaxTitle);
        builder.Property(b => b.Text).HasMaxLength(20000);
        builder.Property(b => b.TextEn).HasMaxLength(20000);
        builder.Property(b => b.PhotoContentType).HasMaxLength(40);
        builder.Property(b => b.PhotoFileId).HasMaxLength(200);
        builder.Property(b => b.ButtonKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.ButtonText).HasMaxLength(BroadcastService.MaxButtonText);
        builder.Property(b => b.ButtonTextEn).HasMaxLength(BroadcastService.MaxButtonText);
        builder.Property(b => b.ButtonUrl).HasMaxLength(2000);
        builder.Property(b => b.AudienceJson).HasMaxLength(2000);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.LastError).HasMaxLength(1000);
        builder.Property(b => b.CreatedBy).HasMaxLength(100);
        builder.HasIndex(b => new { b.Status, b.ScheduledAtUtc });
        builder.HasOne<Promotions.Promotion>().WithMany().HasForeignKey(b => b.PromotionId).OnDelete(DeleteBehavior.SetNull);
        builder.Ignore(b => b.IsEditable);
        builder.Ignore(b => b.IsFinished);
    }
}

internal sealed class BroadcastDeliveryConfiguration : IEntityTypeConfiguration<BroadcastDelivery>
{
    public void Configure(EntityTypeBuilder<BroadcastDelivery> builder)
    {
        builder.ToTable("BroadcastDeliveries");
        builder.HasIndex(d => new { d.BroadcastId, d.CustomerId }).IsUnique();
        builder.HasIndex(d => new { d.BroadcastId, d.State, d.Id });
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.ClaimedBy).HasMaxLength(100);
        builder.Property(d => d.Error).HasMaxLength(500);
        builder.HasOne<Broadcast>().WithMany().HasForeignKey(d => d.BroadcastId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customers.Customer>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SavedAudienceConfiguration : IEntityTypeConfiguration<SavedAudience>
{
    public void Configure(EntityTypeBuilder<SavedAudience> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(100);
        builder.HasIndex(a => a.Name).IsUnique();
        builder.Property(a => a.AudienceJson).HasMaxLength(2000);
        builder.Property(a => a.CreatedBy).HasMaxLength(100);
    }
}

internal sealed class ConsentChangeConfiguration : IEntityTypeConfiguration<ConsentChange>
{
    public void Configure(EntityTypeBuilder<ConsentChange> builder)
    {
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Source).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(c => new { c.CustomerId, c.AtUtc });
        builder.HasOne(c => c.Customer).WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
