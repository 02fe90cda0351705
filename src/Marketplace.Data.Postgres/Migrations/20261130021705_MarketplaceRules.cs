using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MarketplaceRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CancellationAnswerBy",
                table: "Orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HoldCeilingAt",
                table: "Orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RulesVersion",
                table: "Orders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "Rules_CancellationReplyWindow",
                table: "Orders",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<int>(
                name: "Rules_CommissionBasisPoints",
                table: "Orders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "Rules_DisputeOpensAfterShipping",
                table: "Orders",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<TimeSpan>(
                name: "Rules_EscalationWindow",
                table: "Orders",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<TimeSpan>(
                name: "Rules_HoldCeiling",
                table: "Orders",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<int>(
                name: "Rules_MaxHandlingDays",
                table: "Orders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "Rules_PaymentWindow",
                table: "Orders",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<TimeSpan>(
                name: "Rules_ProtectionPeriod",
                table: "Orders",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<TimeSpan>(
                name: "Rules_ReturnConfirmWindow",
                table: "Orders",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<TimeSpan>(
                name: "Rules_ReturnShipWindow",
                table: "Orders",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<TimeSpan>(
                name: "Rules_SellerReplyWindow",
                table: "Orders",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<TimeSpan>(
                name: "AgreementWindow",
                table: "Disputes",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<TimeSpan>(
                name: "ReturnConfirmWindow",
                table: "Disputes",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<TimeSpan>(
                name: "ReturnShipWindow",
                table: "Disputes",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<TimeSpan>(
                name: "SellerReplyWindow",
                table: "Disputes",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<int>(
                name: "CommissionOverrideBasisPoints",
                table: "Categories",
                type: "integer",
                nullable: true);

            // Orders and disputes already placed keep the rules they were placed under: the defaults before this change
            // (pay 30 min, ship within at most 7 d, cancel reply 48 h, protection 15 d, disputes from day 11, seller reply 5 d,
            // escalation 7 d, return 10 d + 10 d, hold ceiling 85 d, commission 8 %), as version 0.
            migrationBuilder.Sql("""
                UPDATE "Orders" SET
                    "Rules_PaymentWindow" = interval '30 minutes', "Rules_MaxHandlingDays" = 7, "Rules_CancellationReplyWindow" = interval '48 hours',
                    "Rules_ProtectionPeriod" = interval '15 days', "Rules_DisputeOpensAfterShipping" = interval '10 days', "Rules_SellerReplyWindow" = interval '5 days',
                    "Rules_EscalationWindow" = interval '7 days', "Rules_ReturnShipWindow" = interval '10 days', "Rules_ReturnConfirmWindow" = interval '10 days',
                    "Rules_HoldCeiling" = interval '85 days', "Rules_CommissionBasisPoints" = 800,
                    "CancellationAnswerBy" = "CancellationRequestedAt" + interval '48 hours',
                    "HoldCeilingAt" = "PaidAt" + interval '85 days';
                """);
            migrationBuilder.Sql("""
                UPDATE "Disputes" SET "SellerReplyWindow" = interval '5 days', "AgreementWindow" = interval '7 days', "ReturnShipWindow" = interval '10 days', "ReturnConfirmWindow" = interval '10 days';
                """);

            // A category keeps its own rate only where it differed from the old default of 8 %.
            migrationBuilder.Sql("""
                UPDATE "Categories" SET "CommissionOverrideBasisPoints" = "CommissionBasisPoints" WHERE "CommissionBasisPoints" <> 800;
                """);
            migrationBuilder.DropColumn(
                name: "CommissionBasisPoints",
                table: "Categories");

            migrationBuilder.CreateTable(
                name: "RulesChanges",
                columns: table => new
                {
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ChangedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Rules_CancellationReplyWindow = table.Column<TimeSpan>(type: "interval", nullable: false),
                    Rules_CommissionBasisPoints = table.Column<int>(type: "integer", nullable: false),
                    Rules_DisputeOpensAfterShipping = table.Column<TimeSpan>(type: "interval", nullable: false),
                    Rules_EscalationWindow = table.Column<TimeSpan>(type: "interval", nullable: false),
                    Rules_HoldCeiling = table.Column<TimeSpan>(type: "interval", nullable: false),
                    Rules_MaxHandlingDays = table.Column<int>(type: "integer", nullable: false),
                    Rules_PaymentWindow = table.Column<TimeSpan>(type: "interval", nullable: false),
                    Rules_ProtectionPeriod = table.Column<TimeSpan>(type: "interval", nullable: false),
                    Rules_ReturnConfirmWindow = table.Column<TimeSpan>(type: "interval", nullable: false),
                    Rules_ReturnShipWindow = table.Column<TimeSpan>(type: "interval", nullable: false),
                    Rules_SellerReplyWindow = table.Column<TimeSpan>(type: "interval", nullable: false),
                    Rules_Version = table.Column<int>(type: "integer", nullable: false)
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
                type: "integer",
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
