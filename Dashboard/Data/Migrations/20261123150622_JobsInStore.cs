using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class JobsInStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "HeartbeatUtc",
                table: "ModelRuns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Progress",
                table: "ModelRuns",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<string>(
                name: "Stage",
                table: "ModelRuns",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Worker",
                table: "ModelRuns",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModelRuns_Status_Id",
                table: "ModelRuns",
                columns: new[] { "Status", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ModelRuns_Status_Id",
                table: "ModelRuns");

            migrationBuilder.DropColumn(
                name: "HeartbeatUtc",
                table: "ModelRuns");

            migrationBuilder.DropColumn(
                name: "Progress",
                table: "ModelRuns");

            migrationBuilder.DropColumn(
                name: "Stage",
                table: "ModelRuns");

            migrationBuilder.DropColumn(
                name: "Worker",
                table: "ModelRuns");
        }
    }
}
