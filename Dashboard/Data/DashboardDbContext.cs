using Dashboard.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data;

/// <summary>
/// The store. On SQLite (the embedded default) this type is the context and owns the migrations in Data/Migrations;
/// on PostgreSQL the app creates <see cref="PostgresDashboardDbContext"/>, the same model with its own migrations
/// (EF Core keeps one migrations set per context type). Code everywhere works with this type. ASP.NET Core Identity's users
/// and roles live beside the store (AspNet* tables).
/// </summary>
public class DashboardDbContext : IdentityDbContext<IdentityUser, IdentityRole, string>, IDataProtectionKeyContext
{
    public DashboardDbContext(DbContextOptions<DashboardDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's subclass, whose options are typed for it.</summary>
    protected DashboardDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The key ring that protects cookies and antiforgery tokens, shared by every app instance on this store.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<DataSource> DataSources => Set<DataSource>();
    public DbSet<SourceIdentity> SourceIdentities => Set<SourceIdentity>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Touchpoint> Touchpoints => Set<Touchpoint>();
    public DbSet<AdChannel> AdChannels => Set<AdChannel>();
    public DbSet<ChannelSpend> ChannelSpends => Set<ChannelSpend>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignAssignment> CampaignAssignments => Set<CampaignAssignment>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<ModelRun> ModelRuns => Set<ModelRun>();
    public DbSet<ChannelCurve> ChannelCurves => Set<ChannelCurve>();
    public DbSet<BudgetScenario> BudgetScenarios => Set<BudgetScenario>();
    public DbSet<BudgetScenarioChannel> BudgetScenarioChannels => Set<BudgetScenarioChannel>();
    public DbSet<CustomerLifetime> CustomerLifetimes => Set<CustomerLifetime>();
    public DbSet<LifetimeCurve> LifetimeCurves => Set<LifetimeCurve>();
    public DbSet<DemoTruth> DemoTruths => Set<DemoTruth>();
    public DbSet<DemoPerson> DemoPeople => Set<DemoPerson>();
    public DbSet<DemoIdentityTruth> DemoIdentityTruths => Set<DemoIdentityTruth>();
    public DbSet<SegmentPeriod> SegmentPeriods => Set<SegmentPeriod>();
    public DbSet<CustomerSegmentSnapshot> CustomerSegmentSnapshots => Set<CustomerSegmentSnapshot>();
    public DbSet<Audience> Audiences => Set<Audience>();
    public DbSet<AudienceSnapshot> AudienceSnapshots => Set<AudienceSnapshot>();
    public DbSet<AudienceMember> AudienceMembers => Set<AudienceMember>();
    public DbSet<LookalikeCandidate> LookalikeCandidates => Set<LookalikeCandidate>();
    public DbSet<CustomerRecommendation> CustomerRecommendations => Set<CustomerRecommendation>();
    public DbSet<IdentityKey> IdentityKeys => Set<IdentityKey>();
    public DbSet<IdentifierBlock> IdentifierBlocks => Set<IdentifierBlock>();
    public DbSet<IdentitySplit> IdentitySplits => Set<IdentitySplit>();
    public DbSet<IdentitySplitMember> IdentitySplitMembers => Set<IdentitySplitMember>();
    public DbSet<CustomerMerge> CustomerMerges => Set<CustomerMerge>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SavedView> SavedViews => Set<SavedView>();
    public DbSet<StoredView> StoredViews => Set<StoredView>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
        Summaries.StoreFunctions.Map(modelBuilder);
    }
}
