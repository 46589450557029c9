using Stateless;

namespace HookahLounge.Core.Orders;

public enum OrderAction
{
    Accept,
    Prepare,
    MarkReady,
    Complete,
    Decline,
    Cancel,
}

/// <summary>
/// The one set of rules for moving an order: New → Accepted → Preparing → Ready → Completed; staff may
/// decline while it is New or Accepted; the guest may cancel only while it is New. The bot, the admin
/// pages and the staff-chat buttons all go through this.
/// </summary>
public sealed class OrderLifecycle
{
    private readonly StateMachine<OrderStatus, OrderAction> _machine;

    public OrderLifecycle(Order order, Actor actor)
    {
        var staff = () => actor.Kind is ActorKind.Staff or ActorKind.System;
        var guest = () => actor.Kind == ActorKind.Guest && actor.CustomerId == order.CustomerId;
        _machine = new StateMachine<OrderStatus, OrderAction>(() => order.Status, s => order.Status = s);

        _machine.Configure(OrderStatus.New)
            .PermitIf(OrderAction.Accept, OrderStatus.Accepted, staff)
            .PermitIf(OrderAction.Decline, OrderStatus.Declined, staff)
            .PermitIf(OrderAction.Cancel, OrderStatus.Cancelled, guest);

        _machine.Configure(OrderStatus.Accepted)
            .PermitIf(OrderAction.Prepare, OrderStatus.Preparing, staff)
            .PermitIf(OrderAction.MarkReady, OrderStatus.Ready, staff)
            .PermitIf(OrderAction.Decline, OrderStatus.Declined, staff);

        _machine.Configure(OrderStatus.Preparing)
            .PermitIf(OrderAction.MarkReady, OrderStatus.Ready, staff);

        _machine.Configure(OrderStatus.Ready)
            .PermitIf(OrderAction.Complete, OrderStatus.Completed, staff);
    }

    public bool CanApply(OrderAction action) => _machine.CanFire(action);

    /// <summary>The actions this actor may take now, e.g. to show buttons.</summary>
    public IReadOnlyList<OrderAction> AvailableActions => [.. Enum.GetValues<OrderAction>().Where(CanApply)];

    public void Apply(OrderAction action) => _machine.Fire(action);

    public static bool IsFinal(OrderStatus status) => status is OrderStatus.Completed or OrderStatus.Declined or OrderStatus.Cancelled;
}
