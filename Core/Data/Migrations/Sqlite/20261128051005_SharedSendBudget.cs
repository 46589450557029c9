using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HookahLounge.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SharedSendBudget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SendBudget",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Tokens = table.Column<double>(type: "REAL", nullable: false),
                    RefilledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PausedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SendBudget", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "SendBudget",
                columns: new[] { "Id", "PausedUntilUtc", "RefilledAtUtc", "Tokens" },
                values: new object[] { 1, null, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), 0.0 });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SendBudget");
        }
    }
}
