using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LearnedMessageScorer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ModelVersion",
                table: "Messages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "RiskScore",
                table: "Messages",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MessageModels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Examples = table.Column<int>(type: "INTEGER", nullable: false),
                    FromModerators = table.Column<int>(type: "INTEGER", nullable: false),
                    Precision = table.Column<double>(type: "REAL", nullable: false),
                    Recall = table.Column<double>(type: "REAL", nullable: false),
                    TrainedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    TrainedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageModels", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MessageModels_Version",
                table: "MessageModels",
                column: "Version",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MessageModels");

            migrationBuilder.DropColumn(
                name: "ModelVersion",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "RiskScore",
                table: "Messages");
        }
    }
}
