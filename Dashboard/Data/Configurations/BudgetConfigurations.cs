using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Configurations;

internal sealed class ChannelCurveConfiguration : IEntityTypeConfiguration<ChannelCurve>
{
    public void Configure(EntityTypeBuilder<ChannelCurve> b)
    {
        b.Property(c => c.Outcome).HasMaxLength(20);
        b.Property(c => c.ShrinkReason).HasMaxLength(400);
        b.HasIndex(c => new { c.ModelRunId, c.Outcome, c.AdChannelId }).IsUnique();
        b.HasOne<ModelRun>().WithMany().HasForeignKey(c => c.ModelRunId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.AdChannel).WithMany().HasForeignKey(c => c.AdChannelId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BudgetScenarioConfiguration : IEntityTypeConfiguration<BudgetScenario>
{
    public void Configure(EntityTypeBuilder<BudgetScenario> b)
    {
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Outcome).HasMaxLength(20);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.CreatedBy).HasMaxLength(100);
        b.Property(s => s.ApprovedBy).HasMaxLength(100);
        b.HasIndex(s => s.Name).IsUnique();
        b.HasOne<ModelRun>().WithMany().HasForeignKey(s => s.ModelRunId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(s => s.Channels).WithOne().HasForeignKey(c => c.BudgetScenarioId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BudgetScenarioChannelConfiguration : IEntityTypeConfiguration<BudgetScenarioChannel>
{
    public void Configure(EntityTypeBuilder<BudgetScenarioChannel> b)
    {
        b.HasIndex(c => new { c.BudgetScenarioId, c.AdChannelId }).IsUnique();
        b.HasOne(c => c.AdChannel).WithMany().HasForeignKey(c => c.AdChannelId).OnDelete(DeleteBehavior.Restrict);
    }
}
