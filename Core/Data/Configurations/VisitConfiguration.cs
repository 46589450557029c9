using HookahLounge.Core.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HookahLounge.Core.Data.Configurations;

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> builder)
    {
        builder.Ignore(v => v.IsOpen);
        builder.HasIndex(v => new { v.CustomerId, v.ClosedAtUtc });
        builder.HasIndex(v => v.OpenedAtUtc);
        builder.HasOne(v => v.Table).WithMany().HasForeignKey(v => v.TableId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customers.Customer>().WithMany().HasForeignKey(v => v.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ServiceCallConfiguration : IEntityTypeConfiguration<ServiceCall>
{
    public void Configure(EntityTypeBuilder<ServiceCall> builder)
    {
        builder.Ignore(c => c.TimeToAccept);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.PaymentMethod).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.AcceptedBy).HasMaxLength(100);
        builder.HasIndex(c => new { c.Status, c.CreatedAtUtc });
        builder.HasOne(c => c.Visit).WithMany().HasForeignKey(c => c.VisitId).OnDelete(DeleteBehavior.Cascade);
    }
}
