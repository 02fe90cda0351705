using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DisputeDeadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "NextDeadlineAt",
                table: "Disputes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_NextDeadlineAt",
                table: "Disputes",
                column: "NextDeadlineAt");

            // Open disputes get the deadline they already have (seller reply 5 d, agreement 7 d, return 10 d, confirm 10 d).
            migrationBuilder.Sql("""
                UPDATE "Disputes" SET "NextDeadlineAt" = CASE "Status"
                    WHEN 'AwaitingSeller' THEN "OpenedAt" + 5 * 864000000000
                    WHEN 'CounterOffered' THEN "OpenedAt" + 7 * 864000000000
                    WHEN 'Rejected' THEN "OpenedAt" + 7 * 864000000000
                    WHEN 'AwaitingReturn' THEN "ReturnAgreedAt" + 10 * 864000000000
                    WHEN 'ReturnShipped' THEN "ReturnDeliveredAt" + 10 * 864000000000
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
