using HookahLounge.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HookahLounge.Core.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Comment).HasMaxLength(1000);
        builder.Property(o => o.Total).HasPrecision(10, 2);
        builder.HasIndex(o => o.CreatedAtUtc);
        builder.HasIndex(o => new { o.CustomerId, o.CreatedAtUtc });
        builder.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.Table).WithMany().HasForeignKey(o => o.TableId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.Booking).WithMany().HasForeignKey(o => o.BookingId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(o => o.IdempotencyKey).HasMaxLength(100);
        builder.HasIndex(o => o.IdempotencyKey).IsUnique();
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasOne<Visits.Visit>().WithMany().HasForeignKey(o => o.VisitId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class OrderStatusChangeConfiguration : IEntityTypeConfiguration<OrderStatusChange>
{
    public void Configure(EntityTypeBuilder<OrderStatusChange> builder)
    {
        builder.Property(c => c.From).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.To).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ByKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ByName).HasMaxLength(100);
        builder.Property(c => c.Reason).HasMaxLength(500);
        builder.HasIndex(c => c.OrderId);
        builder.HasOne<Order>().WithMany().HasForeignKey(c => c.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.Property(l => l.ItemName).HasMaxLength(150);
        builder.Property(l => l.OptionsSummary).HasMaxLength(500);
        builder.Property(l => l.OptionValueIds).HasMaxLength(200);
        builder.Property(l => l.UnitPrice).HasPrecision(10, 2);
    }
}
