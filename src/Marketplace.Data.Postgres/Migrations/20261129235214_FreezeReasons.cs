using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FreezeReasons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ChargedBackAmount",
                table: "EscrowHolds",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "DecidedRefund",
                table: "EscrowHolds",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FrozenFor",
                table: "EscrowHolds",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Holds frozen before reasons were recorded: each gets the reasons still open on it (1 dispute, 2 chargeback);
            // one frozen for no open reason waits for an admin (4) instead of being released silently.
            migrationBuilder.Sql("""
                UPDATE "EscrowHolds" SET "FrozenFor" = "FrozenFor" | 1
                WHERE "Status" = 'Frozen' AND EXISTS (SELECT 1 FROM "Disputes" d WHERE d."OrderId" = "EscrowHolds"."OrderId" AND d."Status" NOT IN ('Resolved', 'Cancelled'));
                UPDATE "EscrowHolds" SET "FrozenFor" = "FrozenFor" | 2
                WHERE "Status" = 'Frozen' AND EXISTS (SELECT 1 FROM "Orders" o JOIN "Chargebacks" c ON c."CheckoutId" = o."CheckoutId" WHERE o."Id" = "EscrowHolds"."OrderId" AND c."Status" = 'Open');
                UPDATE "EscrowHolds" SET "FrozenFor" = 4 WHERE "Status" = 'Frozen' AND "FrozenFor" = 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChargedBackAmount",
                table: "EscrowHolds");

            migrationBuilder.DropColumn(
                name: "DecidedRefund",
                table: "EscrowHolds");

            migrationBuilder.DropColumn(
                name: "FrozenFor",
                table: "EscrowHolds");
        }
    }
}
