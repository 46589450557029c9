using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HookahLounge.Core.Data.Migrations.Postgres
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
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PromotionPhotos",
                columns: table => new
                {
                    PromotionId = table.Column<int>(type: "integer", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Bytes = table.Column<byte[]>(type: "bytea", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Bytes = table.Column<byte[]>(type: "bytea", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
