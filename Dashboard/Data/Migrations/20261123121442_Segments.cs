using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class Segments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Audiences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    VapCell = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    VapStrategy = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Audiences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SegmentPeriods",
                columns: table => new
                {
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ModelRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Buyers = table.Column<int>(type: "INTEGER", nullable: false),
                    Members = table.Column<int>(type: "INTEGER", nullable: false),
                    Revenue = table.Column<double>(type: "REAL", nullable: false),
                    ValueBasis = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LifetimeRunId = table.Column<long>(type: "INTEGER", nullable: true),
                    ComputedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                name: "AudienceSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AudienceId = table.Column<long>(type: "INTEGER", nullable: false),
                    TakenUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Customers = table.Column<int>(type: "INTEGER", nullable: false),
                    Revenue = table.Column<double>(type: "REAL", nullable: false)
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
                name: "CustomerSegmentSnapshots",
                columns: table => new
                {
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    ModelRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    R = table.Column<byte>(type: "INTEGER", nullable: true),
                    F = table.Column<byte>(type: "INTEGER", nullable: true),
                    M = table.Column<byte>(type: "INTEGER", nullable: true),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Orders = table.Column<int>(type: "INTEGER", nullable: false),
                    Revenue = table.Column<double>(type: "REAL", nullable: false),
                    ValueRank = table.Column<int>(type: "INTEGER", nullable: true),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    PAlive = table.Column<double>(type: "REAL", nullable: true),
                    PredictedClv = table.Column<double>(type: "REAL", nullable: true),
                    VapValue = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    VapAttrition = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    VapPotential = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    VapStrategy = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
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
                name: "AudienceMembers",
                columns: table => new
                {
                    AudienceSnapshotId = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "IX_CustomerSegmentSnapshots_CustomerId",
                table: "CustomerSegmentSnapshots",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerSegmentSnapshots_PeriodEnd_ValueRank",
                table: "CustomerSegmentSnapshots",
                columns: new[] { "PeriodEnd", "ValueRank" });

            migrationBuilder.CreateIndex(
                name: "IX_SegmentPeriods_ModelRunId",
                table: "SegmentPeriods",
                column: "ModelRunId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AudienceMembers");

            migrationBuilder.DropTable(
                name: "CustomerSegmentSnapshots");

            migrationBuilder.DropTable(
                name: "AudienceSnapshots");

            migrationBuilder.DropTable(
                name: "SegmentPeriods");

            migrationBuilder.DropTable(
                name: "Audiences");
        }
    }
}
