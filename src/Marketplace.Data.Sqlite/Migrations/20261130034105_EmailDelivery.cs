using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EmailDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "EmailMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "EmailMessages",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextAttemptAt",
                table: "EmailMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ParkedAt",
                table: "EmailMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RetriedAt",
                table: "EmailMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_EmailMessages_SentAt_ParkedAt_NextAttemptAt",
                table: "EmailMessages",
                columns: new[] { "SentAt", "ParkedAt", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EmailMessages_SentAt_ParkedAt_NextAttemptAt",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "ParkedAt",
                table: "EmailMessages");

            migrationBuilder.DropColumn(
                name: "RetriedAt",
                table: "EmailMessages");
        }
    }
}
