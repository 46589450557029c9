using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HookahLounge.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BookingRulesAndSchedule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AccessToken",
                table: "Bookings",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "AttendanceConfirmedAtUtc",
                table: "Bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConsentAtUtc",
                table: "Bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderSentAtUtc",
                table: "Bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RunningLateAtUtc",
                table: "Bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BookingSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    SlotStepMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    MinLeadMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    HorizonDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DefaultDurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    MinDurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxDurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSeatingBeforeCloseMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxPartySize = table.Column<int>(type: "INTEGER", nullable: false),
                    HoldMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    AutoConfirm = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReminderBeforeMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    QuietHoursStart = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    QuietHoursEnd = table.Column<TimeOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BookingSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OpeningExceptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Opens = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    Closes = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpeningExceptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WeeklyHours",
                columns: table => new
                {
                    Day = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Opens = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    Closes = table.Column<TimeOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WeeklyHours", x => x.Day);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_Status_ReminderSentAtUtc_StartUtc",
                table: "Bookings",
                columns: new[] { "Status", "ReminderSentAtUtc", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OpeningExceptions_Date",
                table: "OpeningExceptions",
                column: "Date",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BookingSettings");

            migrationBuilder.DropTable(
                name: "OpeningExceptions");

            migrationBuilder.DropTable(
                name: "WeeklyHours");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_Status_ReminderSentAtUtc_StartUtc",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "AccessToken",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "AttendanceConfirmedAtUtc",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "ConsentAtUtc",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "ReminderSentAtUtc",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "RunningLateAtUtc",
                table: "Bookings");
        }
    }
}
