using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Dashboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AdChannels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdChannels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Audiences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Segment = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Tier = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    VapCell = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    VapStrategy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LookalikeRunId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Audiences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CustomerMerges",
                columns: table => new
                {
                    AbsorbedCustomerId = table.Column<long>(type: "bigint", nullable: false),
                    SurvivorCustomerId = table.Column<long>(type: "bigint", nullable: false),
                    MergedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerMerges", x => x.AbsorbedCustomerId);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataSources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataSources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DemoIdentityTruths",
                columns: table => new
                {
                    SourceIdentityId = table.Column<long>(type: "bigint", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DemoIdentityTruths", x => x.SourceIdentityId);
                });

            migrationBuilder.CreateTable(
                name: "DemoPeople",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Lambda = table.Column<double>(type: "double precision", nullable: false),
                    DropoutProbability = table.Column<double>(type: "double precision", nullable: false),
                    MeanOrderValue = table.Column<double>(type: "double precision", nullable: false),
                    AliveAtEnd = table.Column<bool>(type: "boolean", nullable: false),
                    IsProspect = table.Column<bool>(type: "boolean", nullable: false),
                    ExtraOrders = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DemoPeople", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DemoTruths",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DemoTruths", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "IdentifierBlocks",
                columns: table => new
                {
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Records = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdentifierBlocks", x => new { x.Kind, x.Value });
                });

            migrationBuilder.CreateTable(
                name: "IdentitySplits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdentitySplits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RowsRead = table.Column<long>(type: "bigint", nullable: false),
                    RowsInserted = table.Column<long>(type: "bigint", nullable: false),
                    RowsUnchanged = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Message = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ModelRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ParametersJson = table.Column<string>(type: "text", nullable: true),
                    ResultJson = table.Column<string>(type: "text", nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true),
                    Progress = table.Column<double>(type: "double precision", nullable: false),
                    Stage = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Worker = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    HeartbeatUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Products",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Sku = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Price = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Products", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AdChannelId = table.Column<int>(type: "integer", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Cost = table.Column<double>(type: "double precision", nullable: false),
                    TargetAudience = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    PlannedControlShare = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Campaigns_AdChannels_AdChannelId",
                        column: x => x.AdChannelId,
                        principalTable: "AdChannels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChannelSpends",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AdChannelId = table.Column<int>(type: "integer", nullable: false),
                    WeekStartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Spend = table.Column<double>(type: "double precision", nullable: false),
                    Revenue = table.Column<double>(type: "double precision", nullable: false),
                    Conversions = table.Column<double>(type: "double precision", nullable: false),
                    ImportRunId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChannelSpends", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChannelSpends_AdChannels_AdChannelId",
                        column: x => x.AdChannelId,
                        principalTable: "AdChannels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AudienceSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AudienceId = table.Column<long>(type: "bigint", nullable: false),
                    TakenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    Customers = table.Column<int>(type: "integer", nullable: false),
                    Revenue = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AudienceSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AudienceSnapshots_Audiences_AudienceId",
                        column: x => x.AudienceId,
                        principalTable: "Audiences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Customers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Gender = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    BirthYear = table.Column<int>(type: "integer", nullable: true),
                    City = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    CityTier = table.Column<int>(type: "integer", nullable: true),
                    FirstSeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AcquisitionSourceId = table.Column<int>(type: "integer", nullable: true),
                    ConsentSms = table.Column<bool>(type: "boolean", nullable: false),
                    ConsentEmail = table.Column<bool>(type: "boolean", nullable: false),
                    ConsentPush = table.Column<bool>(type: "boolean", nullable: false),
                    ConsentAds = table.Column<bool>(type: "boolean", nullable: false),
                    OrderCount = table.Column<int>(type: "integer", nullable: false),
                    Revenue = table.Column<double>(type: "double precision", nullable: false),
                    FirstOrderUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastOrderUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    IdentityCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Customers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Customers_DataSources_AcquisitionSourceId",
                        column: x => x.AcquisitionSourceId,
                        principalTable: "DataSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BudgetScenarios",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TotalSpend = table.Column<double>(type: "double precision", nullable: false),
                    TotalLocked = table.Column<bool>(type: "boolean", nullable: false),
                    ProjectedResponse = table.Column<double>(type: "double precision", nullable: false),
                    ModelRunId = table.Column<long>(type: "bigint", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ApprovedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetScenarios", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetScenarios_ModelRuns_ModelRunId",
                        column: x => x.ModelRunId,
                        principalTable: "ModelRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ChannelCurves",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ModelRunId = table.Column<long>(type: "bigint", nullable: false),
                    AdChannelId = table.Column<int>(type: "integer", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Baseline = table.Column<double>(type: "double precision", nullable: false),
                    Beta = table.Column<double>(type: "double precision", nullable: false),
                    HalfSaturation = table.Column<double>(type: "double precision", nullable: false),
                    Shape = table.Column<double>(type: "double precision", nullable: false),
                    Carryover = table.Column<double>(type: "double precision", nullable: false),
                    BetaLower = table.Column<double>(type: "double precision", nullable: false),
                    BetaUpper = table.Column<double>(type: "double precision", nullable: false),
                    HalfSaturationLower = table.Column<double>(type: "double precision", nullable: false),
                    HalfSaturationUpper = table.Column<double>(type: "double precision", nullable: false),
                    ShapeLower = table.Column<double>(type: "double precision", nullable: false),
                    ShapeUpper = table.Column<double>(type: "double precision", nullable: false),
                    CarryoverLower = table.Column<double>(type: "double precision", nullable: false),
                    CarryoverUpper = table.Column<double>(type: "double precision", nullable: false),
                    RSquared = table.Column<double>(type: "double precision", nullable: false),
                    Weeks = table.Column<int>(type: "integer", nullable: false),
                    FirstWeekUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastWeekUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    MeanSpend = table.Column<double>(type: "double precision", nullable: false),
                    SpendVariation = table.Column<double>(type: "double precision", nullable: false),
                    IsShrunk = table.Column<bool>(type: "boolean", nullable: false),
                    ShrinkReason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    BootstrapJson = table.Column<string>(type: "text", nullable: false),
                    WeeksJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChannelCurves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChannelCurves_AdChannels_AdChannelId",
                        column: x => x.AdChannelId,
                        principalTable: "AdChannels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ChannelCurves_ModelRuns_ModelRunId",
                        column: x => x.ModelRunId,
                        principalTable: "ModelRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomerRecommendations",
                columns: table => new
                {
                    ModelRunId = table.Column<long>(type: "bigint", nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    ProductId = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerRecommendations", x => new { x.ModelRunId, x.CustomerId, x.Rank });
                    table.ForeignKey(
                        name: "FK_CustomerRecommendations_ModelRuns_ModelRunId",
                        column: x => x.ModelRunId,
                        principalTable: "ModelRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LifetimeCurves",
                columns: table => new
                {
                    ModelRunId = table.Column<long>(type: "bigint", nullable: false),
                    X = table.Column<int>(type: "integer", nullable: false),
                    T = table.Column<double>(type: "double precision", nullable: false),
                    Purchases = table.Column<byte[]>(type: "bytea", nullable: false),
                    Survival = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LifetimeCurves", x => new { x.ModelRunId, x.X, x.T });
                    table.ForeignKey(
                        name: "FK_LifetimeCurves_ModelRuns_ModelRunId",
                        column: x => x.ModelRunId,
                        principalTable: "ModelRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LookalikeCandidates",
                columns: table => new
                {
                    ModelRunId = table.Column<long>(type: "bigint", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LookalikeCandidates", x => new { x.ModelRunId, x.Rank });
                    table.ForeignKey(
                        name: "FK_LookalikeCandidates_ModelRuns_ModelRunId",
                        column: x => x.ModelRunId,
                        principalTable: "ModelRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SegmentPeriods",
                columns: table => new
                {
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    ModelRunId = table.Column<long>(type: "bigint", nullable: false),
                    Buyers = table.Column<int>(type: "integer", nullable: false),
                    Members = table.Column<int>(type: "integer", nullable: false),
                    Revenue = table.Column<double>(type: "double precision", nullable: false),
                    ValueBasis = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LifetimeRunId = table.Column<long>(type: "bigint", nullable: true),
                    ComputedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SegmentPeriods", x => x.PeriodEnd);
                    table.ForeignKey(
                        name: "FK_SegmentPeriods_ModelRuns_ModelRunId",
                        column: x => x.ModelRunId,
                        principalTable: "ModelRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AudienceMembers",
                columns: table => new
                {
                    AudienceSnapshotId = table.Column<long>(type: "bigint", nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AudienceMembers", x => new { x.AudienceSnapshotId, x.CustomerId });
                    table.ForeignKey(
                        name: "FK_AudienceMembers_AudienceSnapshots_AudienceSnapshotId",
                        column: x => x.AudienceSnapshotId,
                        principalTable: "AudienceSnapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CampaignAssignments",
                columns: table => new
                {
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    Arm = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IsControl = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignAssignments", x => new { x.CampaignId, x.CustomerId });
                    table.ForeignKey(
                        name: "FK_CampaignAssignments_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CampaignAssignments_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CustomerLifetimes",
                columns: table => new
                {
                    ModelRunId = table.Column<long>(type: "bigint", nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    FirstPurchaseUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    X = table.Column<int>(type: "integer", nullable: false),
                    Tx = table.Column<double>(type: "double precision", nullable: false),
                    T = table.Column<double>(type: "double precision", nullable: false),
                    MeanRepeatValue = table.Column<double>(type: "double precision", nullable: false),
                    PAlive = table.Column<double>(type: "double precision", nullable: false),
                    ExpectedPurchases = table.Column<double>(type: "double precision", nullable: false),
                    ExpectedAov = table.Column<double>(type: "double precision", nullable: false),
                    Clv = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerLifetimes", x => new { x.ModelRunId, x.CustomerId });
                    table.ForeignKey(
                        name: "FK_CustomerLifetimes_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CustomerLifetimes_ModelRuns_ModelRunId",
                        column: x => x.ModelRunId,
                        principalTable: "ModelRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SourceIdentities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SourceId = table.Column<int>(type: "integer", nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    MemberNo = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    FirstSeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportRunId = table.Column<long>(type: "bigint", nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Gender = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    BirthYear = table.Column<int>(type: "integer", nullable: true),
                    City = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    CityTier = table.Column<int>(type: "integer", nullable: true),
                    ConsentSms = table.Column<bool>(type: "boolean", nullable: true),
                    ConsentEmail = table.Column<bool>(type: "boolean", nullable: true),
                    ConsentPush = table.Column<bool>(type: "boolean", nullable: true),
                    ConsentAds = table.Column<bool>(type: "boolean", nullable: true),
                    LinkedToId = table.Column<long>(type: "bigint", nullable: true),
                    LinkedByKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    LinkedByValue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceIdentities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SourceIdentities_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SourceIdentities_DataSources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "DataSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BudgetScenarioChannels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BudgetScenarioId = table.Column<long>(type: "bigint", nullable: false),
                    AdChannelId = table.Column<int>(type: "integer", nullable: false),
                    Spend = table.Column<double>(type: "double precision", nullable: false),
                    Lower = table.Column<double>(type: "double precision", nullable: false),
                    Upper = table.Column<double>(type: "double precision", nullable: false),
                    LowerPercent = table.Column<double>(type: "double precision", nullable: true),
                    UpperPercent = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetScenarioChannels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetScenarioChannels_AdChannels_AdChannelId",
                        column: x => x.AdChannelId,
                        principalTable: "AdChannels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BudgetScenarioChannels_BudgetScenarios_BudgetScenarioId",
                        column: x => x.BudgetScenarioId,
                        principalTable: "BudgetScenarios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomerSegmentSnapshots",
                columns: table => new
                {
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    ModelRunId = table.Column<long>(type: "bigint", nullable: false),
                    R = table.Column<byte>(type: "smallint", nullable: true),
                    F = table.Column<byte>(type: "smallint", nullable: true),
                    M = table.Column<byte>(type: "smallint", nullable: true),
                    Segment = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Orders = table.Column<int>(type: "integer", nullable: false),
                    Revenue = table.Column<double>(type: "double precision", nullable: false),
                    ValueRank = table.Column<int>(type: "integer", nullable: true),
                    Tier = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    PAlive = table.Column<double>(type: "double precision", nullable: true),
                    PredictedClv = table.Column<double>(type: "double precision", nullable: true),
                    VapValue = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    VapAttrition = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    VapPotential = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    VapStrategy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerSegmentSnapshots", x => new { x.PeriodEnd, x.CustomerId });
                    table.ForeignKey(
                        name: "FK_CustomerSegmentSnapshots_SegmentPeriods_PeriodEnd",
                        column: x => x.PeriodEnd,
                        principalTable: "SegmentPeriods",
                        principalColumn: "PeriodEnd",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IdentityKeys",
                columns: table => new
                {
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SourceIdentityId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdentityKeys", x => new { x.Kind, x.Value, x.SourceIdentityId });
                    table.ForeignKey(
                        name: "FK_IdentityKeys_SourceIdentities_SourceIdentityId",
                        column: x => x.SourceIdentityId,
                        principalTable: "SourceIdentities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IdentitySplitMembers",
                columns: table => new
                {
                    IdentitySplitId = table.Column<long>(type: "bigint", nullable: false),
                    SourceIdentityId = table.Column<long>(type: "bigint", nullable: false),
                    SplitOff = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdentitySplitMembers", x => new { x.IdentitySplitId, x.SourceIdentityId });
                    table.ForeignKey(
                        name: "FK_IdentitySplitMembers_IdentitySplits_IdentitySplitId",
                        column: x => x.IdentitySplitId,
                        principalTable: "IdentitySplits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IdentitySplitMembers_SourceIdentities_SourceIdentityId",
                        column: x => x.SourceIdentityId,
                        principalTable: "SourceIdentities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Orders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SourceId = table.Column<int>(type: "integer", nullable: false),
                    OrderNo = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    SourceIdentityId = table.Column<long>(type: "bigint", nullable: false),
                    PlacedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Total = table.Column<double>(type: "double precision", nullable: false),
                    LineCount = table.Column<int>(type: "integer", nullable: false),
                    ImportRunId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Orders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Orders_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Orders_DataSources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "DataSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Orders_SourceIdentities_SourceIdentityId",
                        column: x => x.SourceIdentityId,
                        principalTable: "SourceIdentities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Touchpoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SourceId = table.Column<int>(type: "integer", nullable: false),
                    EventId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    CustomerId = table.Column<long>(type: "bigint", nullable: false),
                    SourceIdentityId = table.Column<long>(type: "bigint", nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DwellSeconds = table.Column<int>(type: "integer", nullable: true),
                    CampaignId = table.Column<int>(type: "integer", nullable: true),
                    ProductId = table.Column<int>(type: "integer", nullable: true),
                    ImportRunId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Touchpoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Touchpoints_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Touchpoints_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Touchpoints_DataSources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "DataSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Touchpoints_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Touchpoints_SourceIdentities_SourceIdentityId",
                        column: x => x.SourceIdentityId,
                        principalTable: "SourceIdentities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OrderLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrderId = table.Column<long>(type: "bigint", nullable: false),
                    LineNo = table.Column<int>(type: "integer", nullable: false),
                    ProductId = table.Column<int>(type: "integer", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    UnitPrice = table.Column<double>(type: "double precision", nullable: false),
                    Amount = table.Column<double>(type: "double precision", nullable: false),
                    ImportRunId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrderLines_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OrderLines_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "AdChannels",
                columns: new[] { "Id", "Code", "Name" },
                values: new object[,]
                {
                    { 1, "tmall_ads", "Tmall/Taobao bidding ads" },
                    { 2, "jd_ads", "JD bidding ads" },
                    { 3, "douyin_ads", "Douyin ads" },
                    { 4, "wechat_moments", "WeChat Moments ads" },
                    { 5, "search", "Search ads" },
                    { 6, "kol_live", "KOL livestreams" },
                    { 7, "sms", "SMS" },
                    { 8, "app_push", "App push" }
                });

            migrationBuilder.InsertData(
                table: "DataSources",
                columns: new[] { "Id", "Code", "Kind", "Name" },
                values: new object[,]
                {
                    { 1, "tmall", 0, "Tmall flagship store" },
                    { 2, "jd", 0, "JD.com store" },
                    { 3, "douyin", 1, "Douyin shop" },
                    { 4, "wechat", 1, "WeChat mini-program" },
                    { 5, "app", 2, "Brand app" },
                    { 6, "web", 2, "Brand website" },
                    { 7, "offline", 4, "Offline stores" },
                    { 8, "sms", 3, "SMS" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdChannels_Code",
                table: "AdChannels",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Audiences_Name",
                table: "Audiences",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AudienceSnapshots_AudienceId_TakenUtc",
                table: "AudienceSnapshots",
                columns: new[] { "AudienceId", "TakenUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetScenarioChannels_AdChannelId",
                table: "BudgetScenarioChannels",
                column: "AdChannelId");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetScenarioChannels_BudgetScenarioId_AdChannelId",
                table: "BudgetScenarioChannels",
                columns: new[] { "BudgetScenarioId", "AdChannelId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BudgetScenarios_ModelRunId",
                table: "BudgetScenarios",
                column: "ModelRunId");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetScenarios_Name",
                table: "BudgetScenarios",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CampaignAssignments_CustomerId",
                table: "CampaignAssignments",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_AdChannelId",
                table: "Campaigns",
                column: "AdChannelId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_Code",
                table: "Campaigns",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChannelCurves_AdChannelId",
                table: "ChannelCurves",
                column: "AdChannelId");

            migrationBuilder.CreateIndex(
                name: "IX_ChannelCurves_ModelRunId_Outcome_AdChannelId",
                table: "ChannelCurves",
                columns: new[] { "ModelRunId", "Outcome", "AdChannelId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChannelSpends_AdChannelId_WeekStartUtc",
                table: "ChannelSpends",
                columns: new[] { "AdChannelId", "WeekStartUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CustomerLifetimes_CustomerId",
                table: "CustomerLifetimes",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerMerges_SurvivorCustomerId",
                table: "CustomerMerges",
                column: "SurvivorCustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerRecommendations_ModelRunId_ProductId",
                table: "CustomerRecommendations",
                columns: new[] { "ModelRunId", "ProductId" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_AcquisitionSourceId",
                table: "Customers",
                column: "AcquisitionSourceId");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_CityTier",
                table: "Customers",
                column: "CityTier");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_FirstSeenUtc",
                table: "Customers",
                column: "FirstSeenUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_LastOrderUtc",
                table: "Customers",
                column: "LastOrderUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Name",
                table: "Customers",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Revenue",
                table: "Customers",
                column: "Revenue");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerSegmentSnapshots_CustomerId",
                table: "CustomerSegmentSnapshots",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerSegmentSnapshots_PeriodEnd_ValueRank",
                table: "CustomerSegmentSnapshots",
                columns: new[] { "PeriodEnd", "ValueRank" });

            migrationBuilder.CreateIndex(
                name: "IX_DataSources_Code",
                table: "DataSources",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DemoIdentityTruths_PersonId",
                table: "DemoIdentityTruths",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_IdentityKeys_SourceIdentityId",
                table: "IdentityKeys",
                column: "SourceIdentityId");

            migrationBuilder.CreateIndex(
                name: "IX_IdentitySplitMembers_SourceIdentityId",
                table: "IdentitySplitMembers",
                column: "SourceIdentityId");

            migrationBuilder.CreateIndex(
                name: "IX_IdentitySplits_CustomerId",
                table: "IdentitySplits",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRuns_StartedUtc",
                table: "ImportRuns",
                column: "StartedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ModelRuns_Kind_Status_Id",
                table: "ModelRuns",
                columns: new[] { "Kind", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelRuns_Status_Id",
                table: "ModelRuns",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OrderLines_OrderId_LineNo",
                table: "OrderLines",
                columns: new[] { "OrderId", "LineNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrderLines_ProductId",
                table: "OrderLines",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_CustomerId_PlacedAtUtc_Total",
                table: "Orders",
                columns: new[] { "CustomerId", "PlacedAtUtc", "Total" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_PlacedAtUtc_SourceId_Total",
                table: "Orders",
                columns: new[] { "PlacedAtUtc", "SourceId", "Total" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_SourceId_OrderNo",
                table: "Orders",
                columns: new[] { "SourceId", "OrderNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_SourceIdentityId",
                table: "Orders",
                column: "SourceIdentityId");

            migrationBuilder.CreateIndex(
                name: "IX_Products_Sku",
                table: "Products",
                column: "Sku",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SegmentPeriods_ModelRunId",
                table: "SegmentPeriods",
                column: "ModelRunId");

            migrationBuilder.CreateIndex(
                name: "IX_SourceIdentities_CustomerId",
                table: "SourceIdentities",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_SourceIdentities_Email",
                table: "SourceIdentities",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_SourceIdentities_ExternalId",
                table: "SourceIdentities",
                column: "ExternalId");

            migrationBuilder.CreateIndex(
                name: "IX_SourceIdentities_ImportRunId",
                table: "SourceIdentities",
                column: "ImportRunId");

            migrationBuilder.CreateIndex(
                name: "IX_SourceIdentities_MemberNo",
                table: "SourceIdentities",
                column: "MemberNo");

            migrationBuilder.CreateIndex(
                name: "IX_SourceIdentities_Phone",
                table: "SourceIdentities",
                column: "Phone");

            migrationBuilder.CreateIndex(
                name: "IX_SourceIdentities_SourceId_CustomerId",
                table: "SourceIdentities",
                columns: new[] { "SourceId", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_SourceIdentities_SourceId_ExternalId",
                table: "SourceIdentities",
                columns: new[] { "SourceId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Touchpoints_CampaignId_Type",
                table: "Touchpoints",
                columns: new[] { "CampaignId", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_Touchpoints_CustomerId_OccurredAtUtc",
                table: "Touchpoints",
                columns: new[] { "CustomerId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Touchpoints_ProductId",
                table: "Touchpoints",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_Touchpoints_SourceId_EventId",
                table: "Touchpoints",
                columns: new[] { "SourceId", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Touchpoints_SourceIdentityId",
                table: "Touchpoints",
                column: "SourceIdentityId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AudienceMembers");

            migrationBuilder.DropTable(
                name: "BudgetScenarioChannels");

            migrationBuilder.DropTable(
                name: "CampaignAssignments");

            migrationBuilder.DropTable(
                name: "ChannelCurves");

            migrationBuilder.DropTable(
                name: "ChannelSpends");

            migrationBuilder.DropTable(
                name: "CustomerLifetimes");

            migrationBuilder.DropTable(
                name: "CustomerMerges");

            migrationBuilder.DropTable(
                name: "CustomerRecommendations");

            migrationBuilder.DropTable(
                name: "CustomerSegmentSnapshots");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DemoIdentityTruths");

            migrationBuilder.DropTable(
                name: "DemoPeople");

            migrationBuilder.DropTable(
                name: "DemoTruths");

            migrationBuilder.DropTable(
                name: "IdentifierBlocks");

            migrationBuilder.DropTable(
                name: "IdentityKeys");

            migrationBuilder.DropTable(
                name: "IdentitySplitMembers");

            migrationBuilder.DropTable(
                name: "ImportRuns");

            migrationBuilder.DropTable(
                name: "LifetimeCurves");

            migrationBuilder.DropTable(
                name: "LookalikeCandidates");

            migrationBuilder.DropTable(
                name: "OrderLines");

            migrationBuilder.DropTable(
                name: "Touchpoints");

            migrationBuilder.DropTable(
                name: "AudienceSnapshots");

            migrationBuilder.DropTable(
                name: "BudgetScenarios");

            migrationBuilder.DropTable(
                name: "SegmentPeriods");

            migrationBuilder.DropTable(
                name: "IdentitySplits");

            migrationBuilder.DropTable(
                name: "Orders");

            migrationBuilder.DropTable(
                name: "Campaigns");

            migrationBuilder.DropTable(
                name: "Products");

            migrationBuilder.DropTable(
                name: "Audiences");

            migrationBuilder.DropTable(
                name: "ModelRuns");

            migrationBuilder.DropTable(
                name: "SourceIdentities");

            migrationBuilder.DropTable(
                name: "AdChannels");

            migrationBuilder.DropTable(
                name: "Customers");

            migrationBuilder.DropTable(
                name: "DataSources");
        }
    }
}
