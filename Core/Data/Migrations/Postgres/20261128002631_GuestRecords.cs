using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HookahLounge.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GuestRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymisedAtUtc",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Birthday",
                table: "Customers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "BookingBlockedAtUtc",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BookingBlockedReason",
                table: "Customers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Notes",
                table: "Customers",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SmsOptIn",
                table: "Customers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Tags",
                table: "Customers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CustomerEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CustomerId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerEvents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerEvents_CustomerId_AtUtc",
                table: "CustomerEvents",
                columns: new[] { "CustomerId", "AtUtc" });

            // Earlier site and phone bookings had no guest record: give each phone one, or join the record that has it.
            const string link = """
                UPDATE "Bookings" SET "CustomerId" = (SELECT MIN(c."Id") FROM "Customers" c WHERE c."Phone" = "Bookings"."GuestPhone")
                WHERE "CustomerId" IS NULL AND "GuestPhone" IS NOT NULL;
                """;
            migrationBuilder.Sql(link);
            migrationBuilder.Sql("""
                INSERT INTO "Customers" ("Name", "Phone", "Language", "PromoOptIn", "TelegramUnreachable", "CreatedAtUtc", "SmsOptIn")
                SELECT MAX("GuestName"), "GuestPhone", 'ru', FALSE, FALSE, MIN("CreatedAtUtc"), FALSE
                FROM "Bookings" WHERE "CustomerId" IS NULL AND "GuestPhone" IS NOT NULL
                GROUP BY "GuestPhone";
                """);
            migrationBuilder.Sql(link);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerEvents");

            migrationBuilder.DropColumn(
                name: "AnonymisedAtUtc",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Birthday",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "BookingBlockedAtUtc",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "BookingBlockedReason",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Notes",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "SmsOptIn",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Tags",
                table: "Customers");
        }
    }
}
