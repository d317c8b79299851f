using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.User).HasMaxLength(256);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.Target).HasMaxLength(256);
        b.HasIndex(a => a.AtUtc);
        b.HasIndex(a => new { a.Action, a.AtUtc });
    }
}

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> b)
    {
        b.Property(v => v.Token).HasMaxLength(32);
        b.HasIndex(v => v.Token).IsUnique();
        b.Property(v => v.Name).HasMaxLength(120);
        b.Property(v => v.Url).HasMaxLength(2000);
        b.Property(v => v.CreatedBy).HasMaxLength(256);
        b.Property(v => v.RevokedBy).HasMaxLength(256);
        b.HasIndex(v => v.CreatedUtc);
    }
}

internal sealed class StoredViewConfiguration : IEntityTypeConfiguration<StoredView>
{
    public void Configure(EntityTypeBuilder<StoredView> b)
    {
        b.HasKey(v => v.Key);
        b.Property(v => v.Key).HasMaxLength(64);
        b.Property(v => v.Stamp).HasMaxLength(400);
        b.HasIndex(v => v.ComputedUtc);
    }
}
