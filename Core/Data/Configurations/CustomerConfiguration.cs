using HookahLounge.Core.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HookahLounge.Core.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.TelegramUsername).HasMaxLength(64);
        builder.Property(c => c.Phone).HasMaxLength(20);
        builder.Property(c => c.Language).HasMaxLength(8);
        builder.HasIndex(c => c.TelegramUserId).IsUnique();
        builder.HasIndex(c => c.Phone);
        builder.Property(c => c.Notes).HasMaxLength(2000);
        builder.Property(c => c.Tags).HasMaxLength(CustomerTags.MaxLength);
        builder.Property(c => c.BookingBlockedReason).HasMaxLength(500);
        builder.Ignore(c => c.IsBlocked);
        builder.Ignore(c => c.TagList);
    }
}

internal sealed class CustomerEventConfiguration : IEntityTypeConfiguration<CustomerEvent>
{
    public void Configure(EntityTypeBuilder<CustomerEvent> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Detail).HasMaxLength(500);
        builder.Property(e => e.ByName).HasMaxLength(100);
        builder.HasIndex(e => new { e.CustomerId, e.AtUtc });
    }
}
