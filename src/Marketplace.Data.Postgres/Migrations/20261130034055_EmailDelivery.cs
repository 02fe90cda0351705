using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Postgres.Migrations
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "EmailMessages",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextAttemptAt",
                table: "EmailMessages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ParkedAt",
                table: "EmailMessages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RetriedAt",
                table: "EmailMessages",
                type: "timestamp with time zone",
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
