using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HookahLounge.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MenuEditor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsArchived",
                table: "MenuItems",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsArchived",
                table: "MenuCategories",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "MenuItemOptionGroups",
                columns: table => new
                {
                    MenuItemId = table.Column<int>(type: "integer", nullable: false),
                    OptionGroupId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MenuItemOptionGroups", x => new { x.MenuItemId, x.OptionGroupId });
                    table.ForeignKey(
                        name: "FK_MenuItemOptionGroups_MenuItems_MenuItemId",
                        column: x => x.MenuItemId,
                        principalTable: "MenuItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MenuItemOptionGroups_MenuOptionGroups_OptionGroupId",
                        column: x => x.OptionGroupId,
                        principalTable: "MenuOptionGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MenuItemOptionGroups_OptionGroupId",
                table: "MenuItemOptionGroups",
                column: "OptionGroupId");

            // Each item's own groups become shared library groups; identical copies are merged (see SharedOptionGroupsSql).
            foreach (var sql in SharedOptionGroupsSql.Up)
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropForeignKey(
                name: "FK_MenuOptionGroups_MenuItems_MenuItemId",
                table: "MenuOptionGroups");

            migrationBuilder.DropIndex(
                name: "IX_MenuOptionGroups_MenuItemId",
                table: "MenuOptionGroups");

            migrationBuilder.DropColumn(
                name: "MenuItemId",
                table: "MenuOptionGroups");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsArchived",
                table: "MenuItems");

            migrationBuilder.DropColumn(
                name: "IsArchived",
                table: "MenuCategories");

            migrationBuilder.AddColumn<int>(
                name: "MenuItemId",
                table: "MenuOptionGroups",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            foreach (var sql in SharedOptionGroupsSql.Down)
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.CreateIndex(
                name: "IX_MenuOptionGroups_MenuItemId",
                table: "MenuOptionGroups",
                column: "MenuItemId");

            migrationBuilder.AddForeignKey(
                name: "FK_MenuOptionGroups_MenuItems_MenuItemId",
                table: "MenuOptionGroups",
                column: "MenuItemId",
                principalTable: "MenuItems",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.DropTable(
                name: "MenuItemOptionGroups");
        }
    }
}
