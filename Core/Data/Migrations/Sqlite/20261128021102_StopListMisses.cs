using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HookahLounge.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StopListMisses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StopListMisses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: true),
                    MenuItemId = table.Column<int>(type: "INTEGER", nullable: true),
                    ItemName = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    OptionValueId = table.Column<int>(type: "INTEGER", nullable: true),
                    OptionName = table.Column<string>(type: "TEXT", maxLength: 250, nullable: true),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BusinessDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StopListMisses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StopListMisses_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_StopListMisses_MenuItems_MenuItemId",
                        column: x => x.MenuItemId,
                        principalTable: "MenuItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_StopListMisses_MenuOptionValues_OptionValueId",
                        column: x => x.OptionValueId,
                        principalTable: "MenuOptionValues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Visits_OpenedAtUtc",
                table: "Visits",
                column: "OpenedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_StopListMisses_BusinessDate",
                table: "StopListMisses",
                column: "BusinessDate");

            migrationBuilder.CreateIndex(
                name: "IX_StopListMisses_CustomerId_BusinessDate",
                table: "StopListMisses",
                columns: new[] { "CustomerId", "BusinessDate" });

            migrationBuilder.CreateIndex(
                name: "IX_StopListMisses_MenuItemId",
                table: "StopListMisses",
                column: "MenuItemId");

            migrationBuilder.CreateIndex(
                name: "IX_StopListMisses_OptionValueId",
                table: "StopListMisses",
                column: "OptionValueId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StopListMisses");

            migrationBuilder.DropIndex(
                name: "IX_Visits_OpenedAtUtc",
                table: "Visits");
        }
    }
}
