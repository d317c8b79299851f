using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrdersByDateCovering : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_PlacedAtUtc_SourceId_Total",
                table: "Orders");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_PlacedAtUtc_SourceId_Total_CustomerId",
                table: "Orders",
                columns: new[] { "PlacedAtUtc", "SourceId", "Total", "CustomerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_PlacedAtUtc_SourceId_Total_CustomerId",
                table: "Orders");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_PlacedAtUtc_SourceId_Total",
                table: "Orders",
                columns: new[] { "PlacedAtUtc", "SourceId", "Total" });
        }
    }
}
