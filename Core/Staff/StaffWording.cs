using HookahLounge.Core.Bookings;
using HookahLounge.Core.Orders;

namespace HookahLounge.Core.Staff;

/// <summary>How statuses read for staff (Russian), in the back office and in the staff chat alike.</summary>
public static class StaffWording
{
    public static string Status(OrderStatus status) => status switch
    {
        OrderStatus.New => "новый",
        OrderStatus.Accepted => "принят",
        OrderStatus.Preparing => "готовится",
        OrderStatus.Ready => "готов",
        OrderStatus.Completed => "завершён",
        OrderStatus.Declined => "отклонён",
        _ => "отменён",
    };

    public static string Status(BookingStatus status) => status switch
    {
        BookingStatus.New => "новая",
        BookingStatus.Confirmed => "подтверждена",
        BookingStatus.Seated => "гости за столом",
        BookingStatus.Completed => "завершена",
        BookingStatus.Cancelled => "отменена",
        _ => "неявка",
    };
}
