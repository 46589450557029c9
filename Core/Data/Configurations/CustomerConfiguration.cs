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
    }
}
