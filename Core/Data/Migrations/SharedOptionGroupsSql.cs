namespace HookahLounge.Core.Data.Migrations;

/// <summary>
/// Data steps of the <c>MenuEditor</c> migration, in SQL both providers run: every item's own option groups become
/// groups of one shared library. Identical groups (same names, pick limits and values with the same surcharges and
/// defaults) are merged into the oldest of them, so e.g. three copies of the tobacco list become one that is edited
/// and stop-listed once; a value stop-listed in any copy stays stop-listed. Other groups stay as they were,
/// each attached to its item.
/// </summary>
internal static class SharedOptionGroupsSql
{
    private const string SameGroup = """
        c."Name" = g."Name" AND COALESCE(c."NameEn", '') = COALESCE(g."NameEn", '')
        AND c."MinSelected" = g."MinSelected" AND c."MaxSelected" = g."MaxSelected"
        AND (SELECT COUNT(*) FROM "MenuOptionValues" v WHERE v."OptionGroupId" = c."Id") = (SELECT COUNT(*) FROM "MenuOptionValues" v WHERE v."OptionGroupId" = g."Id")
        AND NOT EXISTS (
            SELECT 1 FROM "MenuOptionValues" gv WHERE gv."OptionGroupId" = g."Id" AND NOT EXISTS (
                SELECT 1 FROM "MenuOptionValues" cv WHERE cv."OptionGroupId" = c."Id" AND cv."Name" = gv."Name"
                    AND COALESCE(cv."NameEn", '') = COALESCE(gv."NameEn", '') AND cv."PriceDelta" = gv."PriceDelta" AND cv."IsDefault" = gv."IsDefault"))
        """;

    public static readonly string[] Up =
    [
        """INSERT INTO "MenuItemOptionGroups" ("MenuItemId", "OptionGroupId") SELECT "MenuItemId", "Id" FROM "MenuOptionGroups";""",
        """CREATE TABLE "MenuOptionGroupMerge" ("FromId" INTEGER NOT NULL, "ToId" INTEGER NOT NULL);""",
        $"""INSERT INTO "MenuOptionGroupMerge" ("FromId", "ToId") SELECT g."Id", (SELECT MIN(c."Id") FROM "MenuOptionGroups" c WHERE {SameGroup}) FROM "MenuOptionGroups" g;""",
        """DELETE FROM "MenuOptionGroupMerge" WHERE "FromId" = "ToId";""",
        """
        UPDATE "MenuOptionValues" SET "IsAvailable" = FALSE WHERE EXISTS (
            SELECT 1 FROM "MenuOptionGroupMerge" m JOIN "MenuOptionValues" dv ON dv."OptionGroupId" = m."FromId"
            WHERE m."ToId" = "MenuOptionValues"."OptionGroupId" AND dv."Name" = "MenuOptionValues"."Name" AND dv."IsAvailable" = FALSE);
        """,
        """
        UPDATE "MenuItemOptionGroups" SET "OptionGroupId" = (SELECT m."ToId" FROM "MenuOptionGroupMerge" m WHERE m."FromId" = "MenuItemOptionGroups"."OptionGroupId")
        WHERE "OptionGroupId" IN (SELECT "FromId" FROM "MenuOptionGroupMerge");
        """,
        """DELETE FROM "MenuOptionValues" WHERE "OptionGroupId" IN (SELECT "FromId" FROM "MenuOptionGroupMerge");""",
        """DELETE FROM "MenuOptionGroups" WHERE "Id" IN (SELECT "FromId" FROM "MenuOptionGroupMerge");""",
        """DROP TABLE "MenuOptionGroupMerge";""",
    ];

    /// <summary>Back to groups owned by one item: a shared group stays with the first item that offers it; unused groups go.</summary>
    public static readonly string[] Down =
    [
        """UPDATE "MenuOptionGroups" SET "MenuItemId" = COALESCE((SELECT MIN(l."MenuItemId") FROM "MenuItemOptionGroups" l WHERE l."OptionGroupId" = "MenuOptionGroups"."Id"), 0);""",
        """DELETE FROM "MenuOptionValues" WHERE "OptionGroupId" IN (SELECT "Id" FROM "MenuOptionGroups" WHERE "MenuItemId" = 0);""",
        """DELETE FROM "MenuOptionGroups" WHERE "MenuItemId" = 0;""",
    ];
}
