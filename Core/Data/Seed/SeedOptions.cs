namespace HookahLounge.Core.Data.Seed;

/// <summary>Section "Seed".</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Load the demo menu, tables and promotions into an empty database.</summary>
    public bool Demo { get; set; }
}
