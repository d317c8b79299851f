using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Dashboard.Data.Migrations
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdChannels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataSources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataSources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DemoIdentityTruths",
                columns: table => new
                {
                    SourceIdentityId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DemoIdentityTruths", x => x.SourceIdentityId);
                });

            migrationBuilder.CreateTable(
                name: "DemoPeople",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Lambda = table.Column<double>(type: "REAL", nullable: false),
                    DropoutProbability = table.Column<double>(type: "REAL", nullable: false),
                    MeanOrderValue = table.Column<double>(type: "REAL", nullable: false),
                    AliveAtEnd = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsProspect = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DemoPeople", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DemoTruths",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DemoTruths", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "ImportRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RowsRead = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsInserted = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsUnchanged = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Message = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Products",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Price = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Products", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AdChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Cost = table.Column<double>(type: "REAL", nullable: false),
                    TargetAudience = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    PlannedControlShare = table.Column<double>(type: "REAL", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AdChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    WeekStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Spend = table.Column<double>(type: "REAL", nullable: false),
                    Revenue = table.Column<double>(type: "REAL", nullable: false),
                    Conversions = table.Column<double>(type: "REAL", nullable: false),
                    ImportRunId = table.Column<long>(type: "INTEGER", nullable: true)
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
                name: "Customers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 1, nullable: true),
                    BirthYear = table.Column<int>(type: "INTEGER", nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    CityTier = table.Column<int>(type: "INTEGER", nullable: true),
                    FirstSeenUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcquisitionSourceId = table.Column<int>(type: "INTEGER", nullable: true),
                    ConsentSms = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentEmail = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentPush = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentAds = table.Column<bool>(type: "INTEGER", nullable: false)
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
                name: "CampaignAssignments",
                columns: table => new
                {
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Arm = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IsControl = table.Column<bool>(type: "INTEGER", nullable: false)
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
                name: "SourceIdentities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    MemberNo = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstSeenUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportRunId = table.Column<long>(type: "INTEGER", nullable: true)
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
                name: "Orders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrderNo = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceIdentityId = table.Column<long>(type: "INTEGER", nullable: false),
                    PlacedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Total = table.Column<double>(type: "REAL", nullable: false),
                    LineCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportRunId = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceIdentityId = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DwellSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: true),
                    ImportRunId = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    LineNo = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitPrice = table.Column<double>(type: "REAL", nullable: false),
                    Amount = table.Column<double>(type: "REAL", nullable: false),
                    ImportRunId = table.Column<long>(type: "INTEGER", nullable: true)
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
                name: "IX_ChannelSpends_AdChannelId_WeekStartUtc",
                table: "ChannelSpends",
                columns: new[] { "AdChannelId", "WeekStartUtc" },
                unique: true);

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
                name: "IX_DataSources_Code",
                table: "DataSources",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DemoIdentityTruths_PersonId",
                table: "DemoIdentityTruths",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRuns_StartedUtc",
                table: "ImportRuns",
                column: "StartedUtc");

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
                name: "IX_SourceIdentities_CustomerId",
                table: "SourceIdentities",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_SourceIdentities_Email",
                table: "SourceIdentities",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_SourceIdentities_MemberNo",
                table: "SourceIdentities",
                column: "MemberNo");

            migrationBuilder.CreateIndex(
                name: "IX_SourceIdentities_Phone",
                table: "SourceIdentities",
                column: "Phone");

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
                name: "CampaignAssignments");

            migrationBuilder.DropTable(
                name: "ChannelSpends");

            migrationBuilder.DropTable(
                name: "DemoIdentityTruths");

            migrationBuilder.DropTable(
                name: "DemoPeople");

            migrationBuilder.DropTable(
                name: "DemoTruths");

            migrationBuilder.DropTable(
                name: "ImportRuns");

            migrationBuilder.DropTable(
                name: "OrderLines");

            migrationBuilder.DropTable(
                name: "Touchpoints");

            migrationBuilder.DropTable(
                name: "Orders");

            migrationBuilder.DropTable(
                name: "Campaigns");

            migrationBuilder.DropTable(
                name: "Products");

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
