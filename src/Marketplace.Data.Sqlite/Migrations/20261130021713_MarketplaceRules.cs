using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MarketplaceRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CancellationAnswerBy",
                table: "Orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "HoldCeilingAt",
                table: "Orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RulesVersion",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "Rules_CancellationReplyWindow",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Rules_CommissionBasisPoints",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "Rules_DisputeOpensAfterShipping",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Rules_EscalationWindow",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Rules_HoldCeiling",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Rules_MaxHandlingDays",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "Rules_PaymentWindow",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Rules_ProtectionPeriod",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Rules_ReturnConfirmWindow",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Rules_ReturnShipWindow",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Rules_SellerReplyWindow",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "AgreementWindow",
                table: "Disputes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ReturnConfirmWindow",
                table: "Disputes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ReturnShipWindow",
                table: "Disputes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "SellerReplyWindow",
                table: "Disputes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "CommissionOverrideBasisPoints",
                table: "Categories",
                type: "INTEGER",
                nullable: true);

            // Orders and disputes already placed keep the rules they were placed under: the defaults before this change
            // (pay 30 min, ship within at most 7 d, cancel reply 48 h, protection 15 d, disputes from day 11, seller reply 5 d,
            // escalation 7 d, return 10 d + 10 d, hold ceiling 85 d, commission 8 %), as version 0.
            migrationBuilder.Sql("""
                UPDATE "Orders" SET
                    "Rules_PaymentWindow" = 18000000000, "Rules_MaxHandlingDays" = 7, "Rules_CancellationReplyWindow" = 1728000000000,
                    "Rules_ProtectionPeriod" = 12960000000000, "Rules_DisputeOpensAfterShipping" = 8640000000000, "Rules_SellerReplyWindow" = 4320000000000,
                    "Rules_EscalationWindow" = 6048000000000, "Rules_ReturnShipWindow" = 8640000000000, "Rules_ReturnConfirmWindow" = 8640000000000,
                    "Rules_HoldCeiling" = 73440000000000, "Rules_CommissionBasisPoints" = 800,
                    "CancellationAnswerBy" = "CancellationRequestedAt" + 1728000000000,
                    "HoldCeilingAt" = "PaidAt" + 73440000000000;
                """);
            migrationBuilder.Sql("""
                UPDATE "Disputes" SET "SellerReplyWindow" = 4320000000000, "AgreementWindow" = 6048000000000, "ReturnShipWindow" = 8640000000000, "ReturnConfirmWindow" = 8640000000000;
                """);

            // A category keeps its own rate only where it differed from the old default of 8 %.
            migrationBuilder.Sql("""
                UPDATE "Categories" SET "CommissionOverrideBasisPoints" = "CommissionBasisPoints" WHERE "CommissionBasisPoints" <> 800;
                """);

            // SQLite's own DROP COLUMN (3.35+) instead of EF's table rebuild, which can't run inside the migration's transaction.
            migrationBuilder.Sql("""ALTER TABLE "Categories" DROP COLUMN "CommissionBasisPoints";""");

            migrationBuilder.CreateTable(
                name: "RulesChanges",
                columns: table => new
                {
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Rules_CancellationReplyWindow = table.Column<long>(type: "INTEGER", nullable: false),
                    Rules_CommissionBasisPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    Rules_DisputeOpensAfterShipping = table.Column<long>(type: "INTEGER", nullable: false),
                    Rules_EscalationWindow = table.Column<long>(type: "INTEGER", nullable: false),
                    Rules_HoldCeiling = table.Column<long>(type: "INTEGER", nullable: false),
                    Rules_MaxHandlingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Rules_PaymentWindow = table.Column<long>(type: "INTEGER", nullable: false),
                    Rules_ProtectionPeriod = table.Column<long>(type: "INTEGER", nullable: false),
                    Rules_ReturnConfirmWindow = table.Column<long>(type: "INTEGER", nullable: false),
                    Rules_ReturnShipWindow = table.Column<long>(type: "INTEGER", nullable: false),
                    Rules_SellerReplyWindow = table.Column<long>(type: "INTEGER", nullable: false),
                    Rules_Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RulesChanges", x => x.Version);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Status_CancellationAnswerBy",
                table: "Orders",
                columns: new[] { "Status", "CancellationAnswerBy" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RulesChanges");

            migrationBuilder.DropIndex(
                name: "IX_Orders_Status_CancellationAnswerBy",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CancellationAnswerBy",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "HoldCeilingAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "RulesVersion",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Rules_CancellationReplyWindow",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Rules_CommissionBasisPoints",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Rules_DisputeOpensAfterShipping",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Rules_EscalationWindow",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Rules_HoldCeiling",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Rules_MaxHandlingDays",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Rules_PaymentWindow",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Rules_ProtectionPeriod",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Rules_ReturnConfirmWindow",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Rules_ReturnShipWindow",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Rules_SellerReplyWindow",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "AgreementWindow",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "ReturnConfirmWindow",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "ReturnShipWindow",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "SellerReplyWindow",
                table: "Disputes");

            migrationBuilder.AddColumn<int>(
                name: "CommissionBasisPoints",
                table: "Categories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 800);

            migrationBuilder.Sql("""
                UPDATE "Categories" SET "CommissionBasisPoints" = "CommissionOverrideBasisPoints" WHERE "CommissionOverrideBasisPoints" IS NOT NULL;
                """);

            migrationBuilder.DropColumn(
                name: "CommissionOverrideBasisPoints",
                table: "Categories");

        }
    }
}
