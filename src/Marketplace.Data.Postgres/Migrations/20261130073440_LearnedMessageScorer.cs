using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Postgres.Migrations
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "RiskScore",
                table: "Messages",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MessageModels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Examples = table.Column<int>(type: "integer", nullable: false),
                    FromModerators = table.Column<int>(type: "integer", nullable: false),
                    Precision = table.Column<double>(type: "double precision", nullable: false),
                    Recall = table.Column<double>(type: "double precision", nullable: false),
                    TrainedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    TrainedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false)
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
