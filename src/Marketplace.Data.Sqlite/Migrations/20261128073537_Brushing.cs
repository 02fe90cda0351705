using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Brushing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BrushingReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReporterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrackingNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    WhatArrived = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MatchedOrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MatchedSellerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BrushingReports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BrushingReports_MatchedSellerId",
                table: "BrushingReports",
                column: "MatchedSellerId");

            migrationBuilder.CreateIndex(
                name: "IX_BrushingReports_ReporterId_ReportedAt",
                table: "BrushingReports",
                columns: new[] { "ReporterId", "ReportedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BrushingReports");
        }
    }
}
