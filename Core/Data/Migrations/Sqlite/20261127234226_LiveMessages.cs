using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HookahLounge.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LiveMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TelegramMessageId",
                table: "Outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ThreadKey",
                table: "Outbox",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsDefault",
                table: "MenuOptionValues",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "CartJson",
                table: "ChatSessions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MaxLateMinutes",
                table: "BookingSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "LateMinutes",
                table: "Bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_ThreadKey",
                table: "Outbox",
                column: "ThreadKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_ThreadKey",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "TelegramMessageId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ThreadKey",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "IsDefault",
                table: "MenuOptionValues");

            migrationBuilder.DropColumn(
                name: "CartJson",
                table: "ChatSessions");

            migrationBuilder.DropColumn(
                name: "MaxLateMinutes",
                table: "BookingSettings");

            migrationBuilder.DropColumn(
                name: "LateMinutes",
                table: "Bookings");
        }
    }
}
