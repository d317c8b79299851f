using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Configurations;

internal sealed class LookalikeCandidateConfiguration : IEntityTypeConfiguration<LookalikeCandidate>
{
    public void Configure(EntityTypeBuilder<LookalikeCandidate> b)
    {
        // "The top N of run R" is a range of this key.
        b.HasKey(c => new { c.ModelRunId, c.Rank });
        b.HasOne<ModelRun>().WithMany().HasForeignKey(c => c.ModelRunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CustomerRecommendationConfiguration : IEntityTypeConfiguration<CustomerRecommendation>
{
    public void Configure(EntityTypeBuilder<CustomerRecommendation> b)
    {
        // One customer's list (the 360 page) and an audience's lists (the export) are ranges of this key.
        b.HasKey(r => new { r.ModelRunId, r.CustomerId, r.Rank });
        b.Property(r => r.Reason).HasMaxLength(20);
        // Where a product ranks for the customers of a run (the product page).
        b.HasIndex(r => new { r.ModelRunId, r.ProductId });
        b.HasOne<ModelRun>().WithMany().HasForeignKey(r => r.ModelRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
