using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class IdentityResolution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BirthYear",
                table: "SourceIdentities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "City",
                table: "SourceIdentities",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CityTier",
                table: "SourceIdentities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ConsentAds",
                table: "SourceIdentities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ConsentEmail",
                table: "SourceIdentities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ConsentPush",
                table: "SourceIdentities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ConsentSms",
                table: "SourceIdentities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Gender",
                table: "SourceIdentities",
                type: "TEXT",
                maxLength: 1,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkedByKind",
                table: "SourceIdentities",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkedByValue",
                table: "SourceIdentities",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LinkedToId",
                table: "SourceIdentities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "SourceIdentities",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstOrderUtc",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "IdentityCount",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastOrderUtc",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OrderCount",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "Revenue",
                table: "Customers",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.CreateTable(
                name: "CustomerMerges",
                columns: table => new
                {
                    AbsorbedCustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    SurvivorCustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    MergedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerMerges", x => x.AbsorbedCustomerId);
                });

            migrationBuilder.CreateTable(
                name: "IdentifierBlocks",
                columns: table => new
                {
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Records = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdentifierBlocks", x => new { x.Kind, x.Value });
                });

            migrationBuilder.CreateTable(
                name: "IdentityKeys",
                columns: table => new
                {
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SourceIdentityId = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "IdentitySplits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdentitySplits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdentitySplitMembers",
                columns: table => new
                {
                    IdentitySplitId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceIdentityId = table.Column<long>(type: "INTEGER", nullable: false),
                    SplitOff = table.Column<bool>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_SourceIdentities_ExternalId",
                table: "SourceIdentities",
                column: "ExternalId");

            migrationBuilder.CreateIndex(
                name: "IX_SourceIdentities_ImportRunId",
                table: "SourceIdentities",
                column: "ImportRunId");

            migrationBuilder.CreateIndex(
                name: "IX_SourceIdentities_SourceId_CustomerId",
                table: "SourceIdentities",
                columns: new[] { "SourceId", "CustomerId" });

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
                name: "IX_CustomerMerges_SurvivorCustomerId",
                table: "CustomerMerges",
                column: "SurvivorCustomerId");

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

            // Stores from before this migration hold one customer per person with the attributes on the customer:
            // every identity gets its customer's attributes (so profiles derived from them stay the same) and the
            // customer summaries are computed once. IdentityKeys are filled by the first full identity resolution
            // (DatabaseInitializer runs it when identities have no keys).
            migrationBuilder.Sql("""
                UPDATE "SourceIdentities" SET "Name" = c."Name", "Gender" = c."Gender", "BirthYear" = c."BirthYear",
                    "City" = c."City", "CityTier" = c."CityTier", "ConsentSms" = c."ConsentSms", "ConsentEmail" = c."ConsentEmail",
                    "ConsentPush" = c."ConsentPush", "ConsentAds" = c."ConsentAds"
                FROM "Customers" c WHERE c."Id" = "SourceIdentities"."CustomerId";
                UPDATE "Customers" SET
                    "IdentityCount" = (SELECT COUNT(*) FROM "SourceIdentities" i WHERE i."CustomerId" = "Customers"."Id"),
                    "OrderCount" = (SELECT COUNT(*) FROM "Orders" o WHERE o."CustomerId" = "Customers"."Id"),
                    "Revenue" = COALESCE((SELECT SUM(o."Total") FROM "Orders" o WHERE o."CustomerId" = "Customers"."Id"), 0),
                    "FirstOrderUtc" = (SELECT MIN(o."PlacedAtUtc") FROM "Orders" o WHERE o."CustomerId" = "Customers"."Id"),
                    "LastOrderUtc" = (SELECT MAX(o."PlacedAtUtc") FROM "Orders" o WHERE o."CustomerId" = "Customers"."Id");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerMerges");

            migrationBuilder.DropTable(
                name: "IdentifierBlocks");

            migrationBuilder.DropTable(
                name: "IdentityKeys");

            migrationBuilder.DropTable(
                name: "IdentitySplitMembers");

            migrationBuilder.DropTable(
                name: "IdentitySplits");

            migrationBuilder.DropIndex(
                name: "IX_SourceIdentities_ExternalId",
                table: "SourceIdentities");

            migrationBuilder.DropIndex(
                name: "IX_SourceIdentities_ImportRunId",
                table: "SourceIdentities");

            migrationBuilder.DropIndex(
                name: "IX_SourceIdentities_SourceId_CustomerId",
                table: "SourceIdentities");

            migrationBuilder.DropIndex(
                name: "IX_Customers_LastOrderUtc",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Revenue",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "BirthYear",
                table: "SourceIdentities");

            migrationBuilder.DropColumn(
                name: "City",
                table: "SourceIdentities");

            migrationBuilder.DropColumn(
                name: "CityTier",
                table: "SourceIdentities");

            migrationBuilder.DropColumn(
                name: "ConsentAds",
                table: "SourceIdentities");

            migrationBuilder.DropColumn(
                name: "ConsentEmail",
                table: "SourceIdentities");

            migrationBuilder.DropColumn(
                name: "ConsentPush",
                table: "SourceIdentities");

            migrationBuilder.DropColumn(
                name: "ConsentSms",
                table: "SourceIdentities");

            migrationBuilder.DropColumn(
                name: "Gender",
                table: "SourceIdentities");

            migrationBuilder.DropColumn(
                name: "LinkedByKind",
                table: "SourceIdentities");

            migrationBuilder.DropColumn(
                name: "LinkedByValue",
                table: "SourceIdentities");

            migrationBuilder.DropColumn(
                name: "LinkedToId",
                table: "SourceIdentities");

            migrationBuilder.DropColumn(
                name: "Name",
                table: "SourceIdentities");

            migrationBuilder.DropColumn(
                name: "FirstOrderUtc",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "IdentityCount",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "LastOrderUtc",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "OrderCount",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Revenue",
                table: "Customers");
        }
    }
}
