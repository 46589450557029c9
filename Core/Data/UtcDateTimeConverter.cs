using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HookahLounge.Core.Data;

/// <summary>Marks values read back from the database as UTC; the model stores only UTC instants.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
