using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ModelFlagThreshold : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "FlagThreshold",
                table: "MessageModels",
                type: "REAL",
                nullable: false,
                defaultValue: 2.0); // models trained before thresholds existed never flag on their own
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
