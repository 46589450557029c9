using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HookahLounge.Core.Data.Migrations.Postgres
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "AttendanceConfirmedAtUtc",
                table: "Bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConsentAtUtc",
                table: "Bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderSentAtUtc",
                table: "Bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RunningLateAtUtc",
                table: "Bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BookingSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    SlotStepMinutes = table.Column<int>(type: "integer", nullable: false),
                    MinLeadMinutes = table.Column<int>(type: "integer", nullable: false),
                    HorizonDays = table.Column<int>(type: "integer", nullable: false),
                    DefaultDurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    MinDurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    MaxDurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    LastSeatingBeforeCloseMinutes = table.Column<int>(type: "integer", nullable: false),
                    MaxPartySize = table.Column<int>(type: "integer", nullable: false),
                    HoldMinutes = table.Column<int>(type: "integer", nullable: false),
                    AutoConfirm = table.Column<bool>(type: "boolean", nullable: false),
                    ReminderBeforeMinutes = table.Column<int>(type: "integer", nullable: false),
                    QuietHoursStart = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    QuietHoursEnd = table.Column<TimeOnly>(type: "time without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BookingSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OpeningExceptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Opens = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    Closes = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpeningExceptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WeeklyHours",
                columns: table => new
                {
                    Day = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Opens = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    Closes = table.Column<TimeOnly>(type: "time without time zone", nullable: true)
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

            // Last line of defence against double booking: no two table-holding bookings of one table may overlap.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS btree_gist;");
            migrationBuilder.Sql("""
                ALTER TABLE "Bookings" ADD CONSTRAINT "EX_Bookings_TableTime"
                EXCLUDE USING gist ("TableId" WITH =, tstzrange("StartUtc", "EndUtc", '[)') WITH &&)
                WHERE ("TableId" IS NOT NULL AND "Status" IN ('New', 'Confirmed', 'Seated'));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "Bookings" DROP CONSTRAINT IF EXISTS "EX_Bookings_TableTime";""");

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
