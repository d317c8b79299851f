using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class Budget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BudgetScenarios",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TotalSpend = table.Column<double>(type: "REAL", nullable: false),
                    TotalLocked = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProjectedResponse = table.Column<double>(type: "REAL", nullable: false),
                    ModelRunId = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ApprovedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    AdChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Baseline = table.Column<double>(type: "REAL", nullable: false),
                    Beta = table.Column<double>(type: "REAL", nullable: false),
                    HalfSaturation = table.Column<double>(type: "REAL", nullable: false),
                    Shape = table.Column<double>(type: "REAL", nullable: false),
                    Carryover = table.Column<double>(type: "REAL", nullable: false),
                    BetaLower = table.Column<double>(type: "REAL", nullable: false),
                    BetaUpper = table.Column<double>(type: "REAL", nullable: false),
                    HalfSaturationLower = table.Column<double>(type: "REAL", nullable: false),
                    HalfSaturationUpper = table.Column<double>(type: "REAL", nullable: false),
                    ShapeLower = table.Column<double>(type: "REAL", nullable: false),
                    ShapeUpper = table.Column<double>(type: "REAL", nullable: false),
                    CarryoverLower = table.Column<double>(type: "REAL", nullable: false),
                    CarryoverUpper = table.Column<double>(type: "REAL", nullable: false),
                    RSquared = table.Column<double>(type: "REAL", nullable: false),
                    Weeks = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstWeekUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastWeekUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MeanSpend = table.Column<double>(type: "REAL", nullable: false),
                    SpendVariation = table.Column<double>(type: "REAL", nullable: false),
                    IsShrunk = table.Column<bool>(type: "INTEGER", nullable: false),
                    ShrinkReason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    BootstrapJson = table.Column<string>(type: "TEXT", nullable: false),
                    WeeksJson = table.Column<string>(type: "TEXT", nullable: false)
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
                name: "BudgetScenarioChannels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BudgetScenarioId = table.Column<long>(type: "INTEGER", nullable: false),
                    AdChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Spend = table.Column<double>(type: "REAL", nullable: false),
                    Lower = table.Column<double>(type: "REAL", nullable: false),
                    Upper = table.Column<double>(type: "REAL", nullable: false),
                    LowerPercent = table.Column<double>(type: "REAL", nullable: true),
                    UpperPercent = table.Column<double>(type: "REAL", nullable: true)
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
                name: "IX_ChannelCurves_AdChannelId",
                table: "ChannelCurves",
                column: "AdChannelId");

            migrationBuilder.CreateIndex(
                name: "IX_ChannelCurves_ModelRunId_Outcome_AdChannelId",
                table: "ChannelCurves",
                columns: new[] { "ModelRunId", "Outcome", "AdChannelId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BudgetScenarioChannels");

            migrationBuilder.DropTable(
                name: "ChannelCurves");

            migrationBuilder.DropTable(
                name: "BudgetScenarios");
        }
    }
}
