using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class LifetimeSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CustomerLifetimes",
                columns: table => new
                {
                    ModelRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstPurchaseUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    X = table.Column<int>(type: "INTEGER", nullable: false),
                    Tx = table.Column<double>(type: "REAL", nullable: false),
                    T = table.Column<double>(type: "REAL", nullable: false),
                    MeanRepeatValue = table.Column<double>(type: "REAL", nullable: false),
                    PAlive = table.Column<double>(type: "REAL", nullable: false),
                    ExpectedPurchases = table.Column<double>(type: "REAL", nullable: false),
                    ExpectedAov = table.Column<double>(type: "REAL", nullable: false),
                    Clv = table.Column<double>(type: "REAL", nullable: false)
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
                name: "LifetimeCurves",
                columns: table => new
                {
                    ModelRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    X = table.Column<int>(type: "INTEGER", nullable: false),
                    T = table.Column<double>(type: "REAL", nullable: false),
                    Purchases = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Survival = table.Column<byte[]>(type: "BLOB", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_CustomerLifetimes_CustomerId",
                table: "CustomerLifetimes",
                column: "CustomerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerLifetimes");

            migrationBuilder.DropTable(
                name: "LifetimeCurves");
        }
    }
}
