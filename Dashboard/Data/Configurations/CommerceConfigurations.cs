using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Data.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.Property(p => p.Sku).HasMaxLength(60);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Category).HasMaxLength(60);
        b.HasIndex(p => p.Sku).IsUnique();
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.Property(o => o.OrderNo).HasMaxLength(60);
        b.HasIndex(o => new { o.SourceId, o.OrderNo }).IsUnique();
        // Per-customer summaries (GROUP BY customer) read only this covering index.
        b.HasIndex(o => new { o.CustomerId, o.PlacedAtUtc, o.Total });
        // Date-range reads (the overview's revenue by month and source, active buyers) read only this covering index.
        b.HasIndex(o => new { o.PlacedAtUtc, o.SourceId, o.Total, o.CustomerId });
        // Identity resolution moves orders with their source identity.
        b.HasIndex(o => o.SourceIdentityId);
        b.HasOne(o => o.Source).WithMany().HasForeignKey(o => o.SourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SourceIdentity>().WithMany().HasForeignKey(o => o.SourceIdentityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.HasIndex(l => new { l.OrderId, l.LineNo }).IsUnique();
        b.HasIndex(l => l.ProductId);
        b.HasOne(l => l.Order).WithMany(o => o.Lines).HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(l => l.Product).WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TouchpointConfiguration : IEntityTypeConfiguration<Touchpoint>
{
    public void Configure(EntityTypeBuilder<Touchpoint> b)
    {
        b.Property(t => t.EventId).HasMaxLength(80);
        b.HasIndex(t => new { t.SourceId, t.EventId }).IsUnique();
        b.HasIndex(t => new { t.CustomerId, t.OccurredAtUtc });
        b.HasIndex(t => new { t.CampaignId, t.Type });
        b.HasIndex(t => t.SourceIdentityId);
        b.HasOne(t => t.Source).WithMany().HasForeignKey(t => t.SourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Campaign).WithMany().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Product).WithMany().HasForeignKey(t => t.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SourceIdentity>().WithMany().HasForeignKey(t => t.SourceIdentityId).OnDelete(DeleteBehavior.Restrict);
    }
}
