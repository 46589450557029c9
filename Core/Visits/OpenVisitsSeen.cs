namespace HookahLounge.Core.Visits;

/// <summary>
/// Whether guests have a visit open, as read earlier in the same unit of work: the bot reads it together with the
/// guest in the query every update starts with, so the main menu does not ask the database again. Opening or ending
/// a visit through <see cref="VisitService"/> in the same unit of work keeps it current.
/// </summary>
public sealed class OpenVisitsSeen
{
    private readonly Dictionary<int, bool> _open = [];

    public void Note(int customerId, bool open) => _open[customerId] = open;

    /// <summary>Null when not read in this unit of work.</summary>
    public bool? Find(int customerId) => _open.TryGetValue(customerId, out var open) ? open : null;

    public void Forget() => _open.Clear();
}
