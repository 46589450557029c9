using HookahLounge.Core.Lounge;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HookahLounge.Core.Data.Configurations;

internal sealed class WeeklyHoursConfiguration : IEntityTypeConfiguration<WeeklyHours>
{
    public void Configure(EntityTypeBuilder<WeeklyHours> builder)
    {
        builder.HasKey(w => w.Day);
        builder.Property(w => w.Day).HasConversion<string>().HasMaxLength(10).ValueGeneratedNever();
    }
}

internal sealed class OpeningExceptionConfiguration : IEntityTypeConfiguration<OpeningException>
{
    public void Configure(EntityTypeBuilder<OpeningException> builder)
    {
        builder.HasIndex(e => e.Date).IsUnique();
        builder.Property(e => e.Note).HasMaxLength(200);
    }
}
