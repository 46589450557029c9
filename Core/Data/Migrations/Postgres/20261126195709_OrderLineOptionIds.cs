using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HookahLounge.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrderLineOptionIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OptionValueIds",
                table: "OrderLines",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OptionValueIds",
                table: "OrderLines");
        }
    }
}
