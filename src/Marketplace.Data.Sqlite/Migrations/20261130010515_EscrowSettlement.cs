using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EscrowSettlement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FirstSentAt",
                table: "ProviderCommands",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ChargedBackAmount",
                table: "EscrowHolds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "DecidedRefund",
                table: "EscrowHolds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FrozenFor",
                table: "EscrowHolds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "NextDeadlineAt",
                table: "Disputes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_NextDeadlineAt",
                table: "Disputes",
                column: "NextDeadlineAt");

            // Holds frozen before reasons were recorded: each gets the reasons still open on it (1 dispute, 2 chargeback);
            // one frozen for no open reason waits for an admin (4) instead of being released silently.
            migrationBuilder.Sql("""
                UPDATE "EscrowHolds" SET "FrozenFor" = "FrozenFor" | 1
                WHERE "Status" = 'Frozen' AND EXISTS (SELECT 1 FROM "Disputes" d WHERE d."OrderId" = "EscrowHolds"."OrderId" AND d."Status" NOT IN ('Resolved', 'Cancelled'));
                UPDATE "EscrowHolds" SET "FrozenFor" = "FrozenFor" | 2
                WHERE "Status" = 'Frozen' AND EXISTS (SELECT 1 FROM "Orders" o JOIN "Chargebacks" c ON c."CheckoutId" = o."CheckoutId" WHERE o."Id" = "EscrowHolds"."OrderId" AND c."Status" = 'Open');
                UPDATE "EscrowHolds" SET "FrozenFor" = 4 WHERE "Status" = 'Frozen' AND "FrozenFor" = 0;
                """);

            // A provider call already attempted may have reached the provider: it counts as sent (it can't be cancelled).
            migrationBuilder.Sql("""
                UPDATE "ProviderCommands" SET "FirstSentAt" = "CreatedAt" WHERE "Attempts" > 0 OR "Status" = 'Succeeded' OR "LastError" IS NOT NULL;
                """);

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
                name: "FirstSentAt",
                table: "ProviderCommands");

            migrationBuilder.DropColumn(
                name: "ChargedBackAmount",
                table: "EscrowHolds");

            migrationBuilder.DropColumn(
                name: "DecidedRefund",
                table: "EscrowHolds");

            migrationBuilder.DropColumn(
                name: "FrozenFor",
                table: "EscrowHolds");

            migrationBuilder.DropColumn(
                name: "NextDeadlineAt",
                table: "Disputes");
        }
    }
}
