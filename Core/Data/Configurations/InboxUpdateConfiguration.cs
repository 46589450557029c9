using HookahLounge.Core.Chats;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HookahLounge.Core.Data.Configurations;

internal sealed class InboxUpdateConfiguration : IEntityTypeConfiguration<InboxUpdate>
{
    public void Configure(EntityTypeBuilder<InboxUpdate> builder)
    {
        builder.ToTable("BotInbox");
        builder.HasKey(u => u.UpdateId);
        builder.Property(u => u.UpdateId).ValueGeneratedNever();
    }
}
