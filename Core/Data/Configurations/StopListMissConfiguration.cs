using HookahLounge.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HookahLounge.Core.Data.Configurations;

internal sealed class StopListMissConfiguration : IEntityTypeConfiguration<StopListMiss>
{
    public void Configure(EntityTypeBuilder<StopListMiss> builder)
    {
        builder.Property(m => m.ItemName).HasMaxLength(150);
        builder.Property(m => m.OptionName).HasMaxLength(250);
        builder.Property(m => m.Stage).HasConversion<string>().HasMaxLength(20);

        // The analytics read a range of days; the recorder looks for the guest's miss of the day.
        builder.HasIndex(m => m.BusinessDate);
        builder.HasIndex(m => new { m.CustomerId, m.BusinessDate });
        builder.HasOne<Customers.Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Menu.MenuItem>().WithMany().HasForeignKey(m => m.MenuItemId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Menu.MenuOptionValue>().WithMany().HasForeignKey(m => m.OptionValueId).OnDelete(DeleteBehavior.SetNull);
    }
}
