using HookahLounge.Core.Menu;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HookahLounge.Core.Data.Configurations;

internal sealed class MenuCategoryConfiguration : IEntityTypeConfiguration<MenuCategory>
{
    public void Configure(EntityTypeBuilder<MenuCategory> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.NameEn).HasMaxLength(100);
        builder.Property(c => c.Slug).HasMaxLength(60);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.HasMany(c => c.Items).WithOne(i => i.Category).HasForeignKey(i => i.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MenuItemConfiguration : IEntityTypeConfiguration<MenuItem>
{
    public void Configure(EntityTypeBuilder<MenuItem> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(150);
        builder.Property(i => i.Description).HasMaxLength(1000);
        builder.Property(i => i.NameEn).HasMaxLength(150);
        builder.Property(i => i.DescriptionEn).HasMaxLength(1000);
        builder.Property(i => i.Tags).HasMaxLength(200);
        builder.Property(i => i.Price).HasPrecision(10, 2);
        builder.HasMany(i => i.OptionGroups).WithMany(g => g.Items).UsingEntity<MenuItemOptionGroup>(
            link => link.HasOne<MenuOptionGroup>().WithMany().HasForeignKey(l => l.OptionGroupId).OnDelete(DeleteBehavior.Cascade),
            link => link.HasOne<MenuItem>().WithMany().HasForeignKey(l => l.MenuItemId).OnDelete(DeleteBehavior.Cascade),
            link =>
            {
                link.ToTable("MenuItemOptionGroups");
                link.HasKey(l => new { l.MenuItemId, l.OptionGroupId });
            });
    }
}

internal sealed class MenuOptionGroupConfiguration : IEntityTypeConfiguration<MenuOptionGroup>
{
    public void Configure(EntityTypeBuilder<MenuOptionGroup> builder)
    {
        builder.Property(g => g.Name).HasMaxLength(100);
        builder.Property(g => g.NameEn).HasMaxLength(100);
        builder.HasMany(g => g.Values).WithOne().HasForeignKey(v => v.OptionGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MenuOptionValueConfiguration : IEntityTypeConfiguration<MenuOptionValue>
{
    public void Configure(EntityTypeBuilder<MenuOptionValue> builder)
    {
        builder.Property(v => v.Name).HasMaxLength(100);
        builder.Property(v => v.NameEn).HasMaxLength(100);
        builder.Property(v => v.PriceDelta).HasPrecision(10, 2);
    }
}

internal sealed class MenuPhotoConfiguration : IEntityTypeConfiguration<MenuPhoto>
{
    public void Configure(EntityTypeBuilder<MenuPhoto> builder)
    {
        builder.HasKey(p => p.MenuItemId);
        builder.Property(p => p.MenuItemId).ValueGeneratedNever();
        builder.Property(p => p.ContentType).HasMaxLength(30);
        builder.HasOne<MenuItem>().WithOne().HasForeignKey<MenuPhoto>(p => p.MenuItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
