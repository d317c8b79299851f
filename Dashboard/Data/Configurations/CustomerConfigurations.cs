using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Configurations;

internal sealed class DataSourceConfiguration : IEntityTypeConfiguration<DataSource>
{
    public void Configure(EntityTypeBuilder<DataSource> b)
    {
        b.Property(s => s.Code).HasMaxLength(40);
        b.Property(s => s.Name).HasMaxLength(100);
        b.HasIndex(s => s.Code).IsUnique();
        b.HasData(ReferenceData.Sources);
    }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.Gender).HasMaxLength(1);
        b.Property(c => c.City).HasMaxLength(60);
        // The customer list sorts and filters on these (docs in Features/Customers/README.md).
        b.HasIndex(c => c.FirstSeenUtc);
        b.HasIndex(c => c.CityTier);
        b.HasIndex(c => c.Name);
        b.HasIndex(c => c.LastOrderUtc);
        b.HasIndex(c => c.Revenue);
        b.HasOne(c => c.AcquisitionSource).WithMany().HasForeignKey(c => c.AcquisitionSourceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SourceIdentityConfiguration : IEntityTypeConfiguration<SourceIdentity>
{
    public void Configure(EntityTypeBuilder<SourceIdentity> b)
    {
        b.Property(i => i.ExternalId).HasMaxLength(100);
        b.Property(i => i.Phone).HasMaxLength(40);
        b.Property(i => i.Email).HasMaxLength(200);
        b.Property(i => i.MemberNo).HasMaxLength(60);
        b.HasIndex(i => new { i.SourceId, i.ExternalId }).IsUnique();
        b.HasIndex(i => i.CustomerId);
        b.HasIndex(i => i.Phone);
        b.HasIndex(i => i.Email);
        b.HasIndex(i => i.MemberNo);
        // Search by any source id, the source filter of the customer list, and rewrites by identity.
        b.HasIndex(i => i.ExternalId);
        b.HasIndex(i => new { i.SourceId, i.CustomerId });
        b.HasIndex(i => i.ImportRunId);
        b.Property(i => i.Name).HasMaxLength(100);
        b.Property(i => i.Gender).HasMaxLength(1);
        b.Property(i => i.City).HasMaxLength(60);
        b.Property(i => i.LinkedByKind).HasMaxLength(20);
        b.Property(i => i.LinkedByValue).HasMaxLength(200);
        b.HasOne(i => i.Source).WithMany().HasForeignKey(i => i.SourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Customer).WithMany(c => c.Identities).HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b)
    {
        b.Property(r => r.Kind).HasMaxLength(20);
        b.Property(r => r.FileName).HasMaxLength(260);
        b.Property(r => r.Status).HasMaxLength(20);
        b.HasIndex(r => r.StartedUtc);
    }
}

internal sealed class DemoTruthConfiguration : IEntityTypeConfiguration<DemoTruth>
{
    public void Configure(EntityTypeBuilder<DemoTruth> b)
    {
        b.HasKey(t => t.Key);
        b.Property(t => t.Key).HasMaxLength(40);
    }
}

internal sealed class DemoPersonConfiguration : IEntityTypeConfiguration<DemoPerson>
{
    public void Configure(EntityTypeBuilder<DemoPerson> b) => b.Property(p => p.Id).ValueGeneratedNever();
}

internal sealed class DemoIdentityTruthConfiguration : IEntityTypeConfiguration<DemoIdentityTruth>
{
    public void Configure(EntityTypeBuilder<DemoIdentityTruth> b)
    {
        b.HasKey(t => t.SourceIdentityId);
        b.Property(t => t.SourceIdentityId).ValueGeneratedNever();
        b.HasIndex(t => t.PersonId);
    }
}
