using Stateless;

namespace HookahLounge.Core.Bookings;

public enum BookingAction
{
    Confirm,
    Seat,
    Complete,
    Cancel,
    MarkNoShow,
}

/// <summary>
/// The rules for moving a booking: New → Confirmed → Seated → Completed; the guest or staff may cancel
/// before the guest is seated (staff with a reason); staff or the system mark a no-show once confirmed.
/// </summary>
public sealed class BookingLifecycle
{
    private readonly StateMachine<BookingStatus, BookingAction> _machine;

    public BookingLifecycle(Booking booking, Actor actor)
    {
        var staff = () => actor.Kind is ActorKind.Staff or ActorKind.System;
        var owner = () => actor.Kind == ActorKind.Guest
                          && (actor.HoldsBookingLink || (booking.CustomerId is not null && actor.CustomerId == booking.CustomerId));
        var staffOrOwner = () => staff() || owner();
        _machine = new StateMachine<BookingStatus, BookingAction>(() => booking.Status, s => booking.Status = s);

        _machine.Configure(BookingStatus.New)
            .PermitIf(BookingAction.Confirm, BookingStatus.Confirmed, staff)
            .PermitIf(BookingAction.Cancel, BookingStatus.Cancelled, staffOrOwner);

        _machine.Configure(BookingStatus.Confirmed)
            .PermitIf(BookingAction.Seat, BookingStatus.Seated, staff)
            .PermitIf(BookingAction.Cancel, BookingStatus.Cancelled, staffOrOwner)
            .PermitIf(BookingAction.MarkNoShow, BookingStatus.NoShow, staff);

        _machine.Configure(BookingStatus.Seated)
            .PermitIf(BookingAction.Complete, BookingStatus.Completed, staff);
    }

    public bool CanApply(BookingAction action) => _machine.CanFire(action);

    public IReadOnlyList<BookingAction> AvailableActions => [.. Enum.GetValues<BookingAction>().Where(CanApply)];

    public void Apply(BookingAction action) => _machine.Fire(action);
}
