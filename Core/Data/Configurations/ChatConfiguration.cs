using HookahLounge.Core.Chats;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HookahLounge.Core.Data.Configurations;

internal sealed class ChatSessionConfiguration : IEntityTypeConfiguration<ChatSession>
{
    public void Configure(EntityTypeBuilder<ChatSession> builder)
    {
        builder.HasKey(s => s.ChatId);
        builder.Property(s => s.ChatId).ValueGeneratedNever();
        builder.Property(s => s.Conversation).HasMaxLength(40);
        builder.Property(s => s.State).HasMaxLength(40);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class ProcessedUpdateConfiguration : IEntityTypeConfiguration<ProcessedUpdate>
{
    public void Configure(EntityTypeBuilder<ProcessedUpdate> builder)
    {
        builder.HasKey(u => u.UpdateId);
        builder.Property(u => u.UpdateId).ValueGeneratedNever();
        builder.HasIndex(u => u.ProcessedAtUtc);
    }
}
