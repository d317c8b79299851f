using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Configurations;

internal sealed class AdChannelConfiguration : IEntityTypeConfiguration<AdChannel>
{
    public void Configure(EntityTypeBuilder<AdChannel> b)
    {
        b.Property(c => c.Code).HasMaxLength(40);
        b.Property(c => c.Name).HasMaxLength(100);
        b.HasIndex(c => c.Code).IsUnique();
        b.HasData(ReferenceData.AdChannels);
    }
}

internal sealed class ChannelSpendConfiguration : IEntityTypeConfiguration<ChannelSpend>
{
    public void Configure(EntityTypeBuilder<ChannelSpend> b)
    {
        b.HasIndex(s => new { s.AdChannelId, s.WeekStartUtc }).IsUnique();
        b.HasOne(s => s.AdChannel).WithMany().HasForeignKey(s => s.AdChannelId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.Property(c => c.Code).HasMaxLength(40);
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.TargetAudience).HasMaxLength(400);
        b.HasIndex(c => c.Code).IsUnique();
        b.HasOne(c => c.AdChannel).WithMany().HasForeignKey(c => c.AdChannelId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampaignAssignmentConfiguration : IEntityTypeConfiguration<CampaignAssignment>
{
    public void Configure(EntityTypeBuilder<CampaignAssignment> b)
    {
        b.HasKey(a => new { a.CampaignId, a.CustomerId });
        b.Property(a => a.Arm).HasMaxLength(40);
        b.HasIndex(a => a.CustomerId);
        b.HasOne(a => a.Campaign).WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
