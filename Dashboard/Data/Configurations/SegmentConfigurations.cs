using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Configurations;

internal sealed class SegmentPeriodConfiguration : IEntityTypeConfiguration<SegmentPeriod>
{
    public void Configure(EntityTypeBuilder<SegmentPeriod> b)
    {
        b.HasKey(p => p.PeriodEnd);
        b.Property(p => p.ValueBasis).HasMaxLength(20);
        b.HasOne<ModelRun>().WithMany().HasForeignKey(p => p.ModelRunId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CustomerSegmentSnapshotConfiguration : IEntityTypeConfiguration<CustomerSegmentSnapshot>
{
    public void Configure(EntityTypeBuilder<CustomerSegmentSnapshot> b)
    {
        // One row per customer and period; the page and the membership helper always read one period, a range of
        // this key. Segment, stage and VAP filters scan that range (no index of their own: each secondary index
        // costs about a fifth of the run's write time, and a period's rows are contiguous anyway).
        b.HasKey(s => new { s.PeriodEnd, s.CustomerId });
        b.Property(s => s.Segment).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Stage).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.VapValue).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.VapAttrition).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.VapPotential).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.VapStrategy).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Tier).HasMaxLength(20);
        // Tier links select a rank range of one period.
        b.HasIndex(s => new { s.PeriodEnd, s.ValueRank });
        // A customer's history across periods (the customer page).
        b.HasIndex(s => s.CustomerId);
        // No foreign key to Customers: snapshots are derived data, and re-seeding or re-resolving identities
        // rewrites customers wholesale (a new run then replaces the periods).
        b.HasOne<SegmentPeriod>().WithMany().HasForeignKey(s => s.PeriodEnd).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AudienceConfiguration : IEntityTypeConfiguration<Audience>
{
    public void Configure(EntityTypeBuilder<Audience> b)
    {
        b.Property(a => a.Name).HasMaxLength(120);
        b.Property(a => a.Segment).HasMaxLength(20);
        b.Property(a => a.Tier).HasMaxLength(20);
        b.Property(a => a.Stage).HasMaxLength(20);
        b.Property(a => a.VapCell).HasMaxLength(3);
        b.Property(a => a.VapStrategy).HasMaxLength(20);
        b.Property(a => a.Source).HasMaxLength(40);
        b.HasIndex(a => a.Name).IsUnique();
    }
}

internal sealed class AudienceSnapshotConfiguration : IEntityTypeConfiguration<AudienceSnapshot>
{
    public void Configure(EntityTypeBuilder<AudienceSnapshot> b)
    {
        b.HasIndex(s => new { s.AudienceId, s.TakenUtc });
        b.HasOne(s => s.Audience).WithMany(a => a.Snapshots).HasForeignKey(s => s.AudienceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AudienceMemberConfiguration : IEntityTypeConfiguration<AudienceMember>
{
    public void Configure(EntityTypeBuilder<AudienceMember> b)
    {
        b.HasKey(m => new { m.AudienceSnapshotId, m.CustomerId });
        // Frozen membership keeps the ids as they were; no foreign key to Customers (see the snapshot above).
        b.HasOne<AudienceSnapshot>().WithMany().HasForeignKey(m => m.AudienceSnapshotId).OnDelete(DeleteBehavior.Cascade);
    }
}
