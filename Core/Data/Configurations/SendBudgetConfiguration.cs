using HookahLounge.Core.Chats;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HookahLounge.Core.Data.Configurations;

internal sealed class SendBudgetConfiguration : IEntityTypeConfiguration<SendBudgetState>
{
    public void Configure(EntityTypeBuilder<SendBudgetState> builder)
    {
        builder.ToTable("SendBudget");
        builder.Property(b => b.Id).ValueGeneratedNever();

        // The one row exists from the migration on; refilled long ago, so the first take finds a full bucket.
        builder.HasData(new SendBudgetState { Id = SendBudgetState.TheRow, Tokens = 0, RefilledAtUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
    }
}
