using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Configurations;

internal sealed class ModelRunConfiguration : IEntityTypeConfiguration<ModelRun>
{
    public void Configure(EntityTypeBuilder<ModelRun> b)
    {
        b.Property(r => r.Kind).HasMaxLength(40);
        b.Property(r => r.Status).HasMaxLength(20);
        b.Property(r => r.Stage).HasMaxLength(200);
        b.Property(r => r.Worker).HasMaxLength(200);
        b.HasIndex(r => new { r.Kind, r.Status, r.Id });
        // Workers claim the oldest queued run and pollers read the active ones.
        b.HasIndex(r => new { r.Status, r.Id });
    }
}
