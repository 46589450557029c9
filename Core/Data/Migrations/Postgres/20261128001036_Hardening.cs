using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HookahLounge.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Hardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The clustered Quartz job store's tables (PostgreSQL only; SQLite keeps the in-memory store).
            foreach (var statement in QuartzSchema.Create)
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.AddColumn<bool>(
                name: "AwaitingVerification",
                table: "Bookings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ClientIp",
                table: "Bookings",
                type: "character varying(45)",
                maxLength: 45,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "VerificationAttempts",
                table: "Bookings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "VerificationCodeHash",
                table: "Bookings",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ContentVersion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentVersion", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "ContentVersion",
                columns: new[] { "Id", "Version" },
                values: new object[] { 1, 1L });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_Source_CreatedAtUtc",
                table: "Bookings",
                columns: new[] { "Source", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in QuartzSchema.Drop)
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropTable(
                name: "ContentVersion");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_Source_CreatedAtUtc",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "AwaitingVerification",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "ClientIp",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "VerificationAttempts",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "VerificationCodeHash",
                table: "Bookings");
        }
    }
}
