using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MessageModelFlagThreshold : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "FlagThreshold",
                table: "MessageModels",
                type: "REAL",
                nullable: false,
                defaultValue: 2.0); // models trained before this never flag on their own (2: above any score)
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FlagThreshold",
                table: "MessageModels");
        }
    }
}
