using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HookahLounge.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Broadcasts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "NewsAskedAtUtc",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Broadcasts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    TextEn = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Photo = table.Column<byte[]>(type: "BLOB", nullable: true),
                    PhotoContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PhotoFileId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ButtonKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ButtonText = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ButtonTextEn = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ButtonUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ButtonDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PromotionId = table.Column<int>(type: "INTEGER", nullable: true),
                    AudienceJson = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ScheduledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PausedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Recipients = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Broadcasts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Broadcasts_Promotions_PromotionId",
                        column: x => x.PromotionId,
                        principalTable: "Promotions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ConsentChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Granted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentChanges_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SavedAudiences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AudienceJson = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedAudiences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BroadcastDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BroadcastId = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClaimedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AttemptedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DoneAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TelegramMessageId = table.Column<int>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BroadcastDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BroadcastDeliveries_Broadcasts_BroadcastId",
                        column: x => x.BroadcastId,
                        principalTable: "Broadcasts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BroadcastDeliveries_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BroadcastDeliveries_BroadcastId_CustomerId",
                table: "BroadcastDeliveries",
                columns: new[] { "BroadcastId", "CustomerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BroadcastDeliveries_BroadcastId_State_Id",
                table: "BroadcastDeliveries",
                columns: new[] { "BroadcastId", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BroadcastDeliveries_CustomerId",
                table: "BroadcastDeliveries",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_Broadcasts_PromotionId",
                table: "Broadcasts",
                column: "PromotionId");

            migrationBuilder.CreateIndex(
                name: "IX_Broadcasts_Status_ScheduledAtUtc",
                table: "Broadcasts",
                columns: new[] { "Status", "ScheduledAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentChanges_CustomerId_AtUtc",
                table: "ConsentChanges",
                columns: new[] { "CustomerId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedAudiences_Name",
                table: "SavedAudiences",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BroadcastDeliveries");

            migrationBuilder.DropTable(
                name: "ConsentChanges");

            migrationBuilder.DropTable(
                name: "SavedAudiences");

            migrationBuilder.DropTable(
                name: "Broadcasts");

            migrationBuilder.DropColumn(
                name: "NewsAskedAtUtc",
                table: "Customers");
        }
    }
}
