using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DisputeDeadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextDeadlineAt",
                table: "Disputes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_NextDeadlineAt",
                table: "Disputes",
                column: "NextDeadlineAt");

            // Open disputes get the deadline they already have (seller reply 5 d, agreement 7 d, return 10 d, confirm 10 d).
            migrationBuilder.Sql("""
                UPDATE "Disputes" SET "NextDeadlineAt" = CASE "Status"
                    WHEN 'AwaitingSeller' THEN "OpenedAt" + interval '5 days'
                    WHEN 'CounterOffered' THEN "OpenedAt" + interval '7 days'
                    WHEN 'Rejected' THEN "OpenedAt" + interval '7 days'
                    WHEN 'AwaitingReturn' THEN "ReturnAgreedAt" + interval '10 days'
                    WHEN 'ReturnShipped' THEN "ReturnDeliveredAt" + interval '10 days'
                    END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Disputes_NextDeadlineAt",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "NextDeadlineAt",
                table: "Disputes");
        }
    }
}
