using HookahLounge.Core.Bookings;
using HookahLounge.Core.Orders;

namespace HookahLounge.Core.Tests.Orders;

public sealed class LifecycleTests
{
    private static readonly Actor Staff = Actor.Staff(1, "Анна");
    private static readonly Actor Owner = Actor.Guest(10);
    private static readonly Actor Stranger = Actor.Guest(99);

    // Every allowed move; everything else must be refused.
    private static readonly HashSet<(OrderStatus, OrderAction, string)> AllowedOrderMoves =
    [
        (OrderStatus.New, OrderAction.Accept, "staff"),
        (OrderStatus.New, OrderAction.Decline, "staff"),
        (OrderStatus.New, OrderAction.Cancel, "owner"),
        (OrderStatus.Accepted, OrderAction.Prepare, "staff"),
        (OrderStatus.Accepted, OrderAction.MarkReady, "staff"),
        (OrderStatus.Accepted, OrderAction.Decline, "staff"),
        (OrderStatus.Preparing, OrderAction.MarkReady, "staff"),
        (OrderStatus.Ready, OrderAction.Complete, "staff"),
    ];

    public static TheoryData<OrderStatus, OrderAction, string> EveryOrderMove()
    {
        var data = new TheoryData<OrderStatus, OrderAction, string>();
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            foreach (var action in Enum.GetValues<OrderAction>())
            {
                foreach (var who in new[] { "staff", "owner", "stranger" })
                {
                    data.Add(status, action, who);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryOrderMove))]
    public void Order_moves_follow_the_transition_table(OrderStatus from, OrderAction action, string who)
    {
        var order = new Order { CustomerId = 10, Status = from };
        var lifecycle = new OrderLifecycle(order, who switch { "staff" => Staff, "owner" => Owner, _ => Stranger });
        var allowed = AllowedOrderMoves.Contains((from, action, who));

        lifecycle.CanApply(action).Should().Be(allowed);
        if (allowed)
        {
            lifecycle.Apply(action);
            order.Status.Should().NotBe(from);
        }
        else
        {
            lifecycle.Invoking(l => l.Apply(action)).Should().Throw<InvalidOperationException>();
            order.Status.Should().Be(from, "a refused move changes nothing");
        }
    }

    [Theory]
    [InlineData(BookingStatus.New, BookingAction.Confirm, "staff", BookingStatus.Confirmed)]
    [InlineData(BookingStatus.New, BookingAction.Cancel, "owner", BookingStatus.Cancelled)]
    [InlineData(BookingStatus.New, BookingAction.Cancel, "staff", BookingStatus.Cancelled)]
    [InlineData(BookingStatus.Confirmed, BookingAction.Seat, "staff", BookingStatus.Seated)]
    [InlineData(BookingStatus.Confirmed, BookingAction.MarkNoShow, "staff", BookingStatus.NoShow)]
    [InlineData(BookingStatus.Confirmed, BookingAction.Cancel, "owner", BookingStatus.Cancelled)]
    [InlineData(BookingStatus.Seated, BookingAction.Complete, "staff", BookingStatus.Completed)]
    public void Booking_moves_that_are_allowed(BookingStatus from, BookingAction action, string who, BookingStatus to)
    {
        var booking = new Booking { Code = "X", GuestName = "Гость", CustomerId = 10, Status = from };
        var lifecycle = new BookingLifecycle(booking, who == "staff" ? Staff : Owner);

        lifecycle.Apply(action);

        booking.Status.Should().Be(to);
    }

    [Theory]
    [InlineData(BookingStatus.New, BookingAction.Confirm, "owner")]
    [InlineData(BookingStatus.New, BookingAction.Cancel, "stranger")]
    [InlineData(BookingStatus.New, BookingAction.Seat, "staff")]
    [InlineData(BookingStatus.Seated, BookingAction.Cancel, "staff")]
    [InlineData(BookingStatus.Seated, BookingAction.Cancel, "owner")]
    [InlineData(BookingStatus.Cancelled, BookingAction.Confirm, "staff")]
    [InlineData(BookingStatus.Completed, BookingAction.Cancel, "staff")]
    [InlineData(BookingStatus.NoShow, BookingAction.Seat, "staff")]
    public void Booking_moves_that_are_refused(BookingStatus from, BookingAction action, string who)
    {
        var booking = new Booking { Code = "X", GuestName = "Гость", CustomerId = 10, Status = from };
        var lifecycle = new BookingLifecycle(booking, who switch { "staff" => Staff, "owner" => Owner, _ => Stranger });

        lifecycle.CanApply(action).Should().BeFalse();
        booking.Status.Should().Be(from);
    }
}
