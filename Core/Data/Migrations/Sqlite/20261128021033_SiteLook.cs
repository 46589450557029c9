using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HookahLounge.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SiteLook : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PhotoVersion",
                table: "Promotions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PromotionPhotos",
                columns: table => new
                {
                    PromotionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PromotionPhotos", x => x.PromotionId);
                    table.ForeignKey(
                        name: "FK_PromotionPhotos_Promotions_PromotionId",
                        column: x => x.PromotionId,
                        principalTable: "Promotions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SitePhotos",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SitePhotos", x => x.Key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PromotionPhotos");

            migrationBuilder.DropTable(
                name: "SitePhotos");

            migrationBuilder.DropColumn(
                name: "PhotoVersion",
                table: "Promotions");
        }
    }
}
