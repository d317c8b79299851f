using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Configurations;

internal sealed class IdentityKeyConfiguration : IEntityTypeConfiguration<IdentityKey>
{
    public void Configure(EntityTypeBuilder<IdentityKey> b)
    {
        // Lookups go by value (search, fan-out counts); the second index lists an identity's keys.
        b.HasKey(k => new { k.Kind, k.Value, k.SourceIdentityId });
        b.Property(k => k.Value).HasMaxLength(200);
        b.HasIndex(k => k.SourceIdentityId);
        b.HasOne<SourceIdentity>().WithMany().HasForeignKey(k => k.SourceIdentityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IdentifierBlockConfiguration : IEntityTypeConfiguration<IdentifierBlock>
{
    public void Configure(EntityTypeBuilder<IdentifierBlock> b)
    {
        b.HasKey(x => new { x.Kind, x.Value });
        b.Property(x => x.Value).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(20);
    }
}

internal sealed class IdentitySplitConfiguration : IEntityTypeConfiguration<IdentitySplit>
{
    public void Configure(EntityTypeBuilder<IdentitySplit> b)
    {
        b.Property(s => s.CreatedBy).HasMaxLength(100);
        b.Property(s => s.Reason).HasMaxLength(400);
        // No foreign key to Customers: the profile id is history (the profile may later merge away).
        b.HasIndex(s => s.CustomerId);
        b.HasMany(s => s.Members).WithOne().HasForeignKey(m => m.IdentitySplitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IdentitySplitMemberConfiguration : IEntityTypeConfiguration<IdentitySplitMember>
{
    public void Configure(EntityTypeBuilder<IdentitySplitMember> b)
    {
        b.HasKey(m => new { m.IdentitySplitId, m.SourceIdentityId });
        b.HasIndex(m => m.SourceIdentityId);
        b.HasOne<SourceIdentity>().WithMany().HasForeignKey(m => m.SourceIdentityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CustomerMergeConfiguration : IEntityTypeConfiguration<CustomerMerge>
{
    public void Configure(EntityTypeBuilder<CustomerMerge> b)
    {
        b.HasKey(m => m.AbsorbedCustomerId);
        b.Property(m => m.AbsorbedCustomerId).ValueGeneratedNever();
        b.HasIndex(m => m.SurvivorCustomerId);
    }
}
