using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ShippingOptionsBelongToAListing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Added by hand (the one edit to this generated file): options a seller replaced while the relationship was
            // optional were left in the table without a listing; nothing reads them, and NOT NULL needs them gone.
            migrationBuilder.Sql("DELETE FROM \"ShippingOptions\" WHERE \"ListingId\" IS NULL;");

            migrationBuilder.AlterColumn<Guid>(
                name: "ListingId",
                table: "ShippingOptions",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "ListingId",
                table: "ShippingOptions",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");
        }
    }
}
