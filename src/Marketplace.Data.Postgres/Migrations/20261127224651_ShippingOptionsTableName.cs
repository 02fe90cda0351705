using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ShippingOptionsTableName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ShippingOption_Listings_ListingId",
                table: "ShippingOption");

            migrationBuilder.DropPrimaryKey(
                name: "PK_ShippingOption",
                table: "ShippingOption");

            migrationBuilder.RenameTable(
                name: "ShippingOption",
                newName: "ShippingOptions");

            migrationBuilder.RenameIndex(
                name: "IX_ShippingOption_ListingId_DestinationCountry",
                table: "ShippingOptions",
                newName: "IX_ShippingOptions_ListingId_DestinationCountry");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ShippingOptions",
                table: "ShippingOptions",
                column: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_ShippingOptions_Listings_ListingId",
                table: "ShippingOptions",
                column: "ListingId",
                principalTable: "Listings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ShippingOptions_Listings_ListingId",
                table: "ShippingOptions");

            migrationBuilder.DropPrimaryKey(
                name: "PK_ShippingOptions",
                table: "ShippingOptions");

            migrationBuilder.RenameTable(
                name: "ShippingOptions",
                newName: "ShippingOption");

            migrationBuilder.RenameIndex(
                name: "IX_ShippingOptions_ListingId_DestinationCountry",
                table: "ShippingOption",
                newName: "IX_ShippingOption_ListingId_DestinationCountry");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ShippingOption",
                table: "ShippingOption",
                column: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_ShippingOption_Listings_ListingId",
                table: "ShippingOption",
                column: "ListingId",
                principalTable: "Listings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
