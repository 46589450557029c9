using HookahLounge.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HookahLounge.Core.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.Property(m => m.Key).HasMaxLength(200);
        builder.HasIndex(m => m.Key).IsUnique();
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(m => new { m.Channel, m.Status, m.SentAtUtc });
        builder.Property(m => m.Phone).HasMaxLength(20);
        builder.Property(m => m.Text).HasMaxLength(4096);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
        builder.Property(m => m.ThreadKey).HasMaxLength(100);
        builder.HasIndex(m => m.ThreadKey);
    }
}
