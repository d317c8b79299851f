using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Configurations;

internal sealed class CustomerLifetimeConfiguration : IEntityTypeConfiguration<CustomerLifetime>
{
    public void Configure(EntityTypeBuilder<CustomerLifetime> b)
    {
        b.HasKey(c => new { c.ModelRunId, c.CustomerId });
        // No index on Clv: the page recomputes CLV for its controls and ranks customers while streaming the run's
        // rows in key order; every extra index costs the million-row snapshot write.
        // Lets a customer's delete (e.g. the demo brand's wipe) find the rows to cascade to without a scan.
        b.HasIndex(c => c.CustomerId);
        b.HasOne<ModelRun>().WithMany().HasForeignKey(c => c.ModelRunId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LifetimeCurveConfiguration : IEntityTypeConfiguration<LifetimeCurve>
{
    public void Configure(EntityTypeBuilder<LifetimeCurve> b)
    {
        b.HasKey(c => new { c.ModelRunId, c.X, c.T });
        b.HasOne<ModelRun>().WithMany().HasForeignKey(c => c.ModelRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
