using HookahLounge.Core.Lounge;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HookahLounge.Core.Tests.Lounge;

public sealed class OpeningHoursTests
{
    private static readonly OpeningHours Week = OpeningHours.FromOptions(new LoungeOptions
    {
        OpeningHours = new()
        {
            [DayOfWeek.Monday] = "closed",
            [DayOfWeek.Tuesday] = "14:00-02:00",
            [DayOfWeek.Wednesday] = "14:00-02:00",
            [DayOfWeek.Thursday] = "14:00-23:00",
            [DayOfWeek.Friday] = "14:00-04:00",
            [DayOfWeek.Saturday] = "13:00–04:00",
            [DayOfWeek.Sunday] = "13:00-02:00",
        },
    });

    // 2026-11-27 is a Friday.
    [Theory]
    [InlineData("2026-11-27 13:59", false)]
    [InlineData("2026-11-27 14:00", true)]
    [InlineData("2026-11-27 23:59", true)]
    [InlineData("2026-11-28 03:59", true)]
    [InlineData("2026-11-28 04:00", false)]
    [InlineData("2026-11-27 01:00", false)]
    [InlineData("2026-11-27 22:59", true)]
    [InlineData("2026-11-26 23:00", false)]
    [InlineData("2026-11-30 01:30", true)]
    [InlineData("2026-11-30 15:00", false)]
    [InlineData("2026-12-01 01:00", false)]
    public void Is_open_follows_sessions_that_run_past_midnight(string local, bool open) =>
        Week.IsOpenAt(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(open);

    [Theory]
    [InlineData("2026-11-28 01:30", "2026-11-27")]
    [InlineData("2026-11-28 04:30", "2026-11-28")]
    [InlineData("2026-11-27 20:00", "2026-11-27")]
    [InlineData("2026-11-27 01:00", "2026-11-27")]
    public void A_night_after_midnight_belongs_to_the_evening_it_started(string local, string businessDate) =>
        Week.BusinessDateAt(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(DateOnly.Parse(businessDate, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void An_exception_date_overrides_the_usual_week_including_its_night()
    {
        var friday = new DateOnly(2026, 11, 27);
        var hours = new OpeningHours(
            new Dictionary<DayOfWeek, DailyHours> { [DayOfWeek.Friday] = new(new TimeOnly(14, 0), new TimeOnly(4, 0)) },
            new Dictionary<DateOnly, DailyHours?> { [friday] = null, [friday.AddDays(7)] = new DailyHours(new TimeOnly(18, 0), new TimeOnly(6, 0)) });

        hours.ForDate(friday).Should().BeNull();
        hours.IsOpenAt(new DateTime(2026, 11, 28, 1, 0, 0)).Should().BeFalse("the Friday was closed, so its night is too");
        hours.IsOpenAt(new DateTime(2026, 12, 5, 5, 0, 0)).Should().BeTrue();
        hours.SessionOn(friday.AddDays(7)).Should().Be((new DateTime(2026, 12, 4, 18, 0, 0), new DateTime(2026, 12, 5, 6, 0, 0)));
        hours.ExceptionsFrom(friday.AddDays(1)).Should().ContainSingle();
    }

    [Fact]
    public void Hours_describe_themselves_and_know_their_length()
    {
        var friday = Week.For(DayOfWeek.Friday)!.Value;

        friday.ToString().Should().Be("14:00–04:00");
        friday.CrossesMidnight.Should().BeTrue();
        friday.Length.Should().Be(TimeSpan.FromHours(14));
        Week.For(DayOfWeek.Monday).Should().BeNull();
        Week.Week().Select(d => d.Day).Should().StartWith(DayOfWeek.Monday).And.EndWith(DayOfWeek.Sunday);
    }

    [Theory]
    [InlineData("10-20")]
    [InlineData("25:00-02:00")]
    [InlineData("14:00-14:00")]
    [InlineData("")]
    [InlineData("open")]
    public void Malformed_hours_are_rejected(string text) => OpeningHours.TryParseDay(text, out _).Should().BeFalse();

    [Fact]
    public void Start_up_validation_names_every_bad_setting()
    {
        var result = new LoungeOptionsValidator().Validate(null, new LoungeOptions
        {
            TimeZone = "Mars/Olympus",
            OpeningHours = new() { [DayOfWeek.Friday] = "late" },
            Map = new MapOptions { WidgetUrl = "not a url" },
        });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Lounge:TimeZone").And.Contain("Lounge:OpeningHours:Friday").And.Contain("Lounge:Map:WidgetUrl");
    }

    [Fact]
    public void Business_day_spans_cut_off_to_cut_off_in_the_lounge_zone_across_a_dst_change()
    {
        // Berlin leaves summer time at 03:00 on 2026-10-25, inside the business day that starts on the 24th: it lasts 25 hours.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 10, 25, 12, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new LoungeOptions { TimeZone = "Europe/Berlin", OpeningHours = new() { [DayOfWeek.Sunday] = "14:00-02:00" } });
        var lounge = new LoungeProfile(options, clock, new OpeningHoursCache(options));

        var (start, end) = lounge.BusinessDayUtc(new DateOnly(2026, 10, 24));

        start.Should().Be(new DateTime(2026, 10, 24, 4, 0, 0, DateTimeKind.Utc));
        end.Should().Be(new DateTime(2026, 10, 25, 5, 0, 0, DateTimeKind.Utc));
        (end - start).Should().Be(TimeSpan.FromHours(25));
        lounge.ToLocal(start).Hour.Should().Be(6);
    }

    [Fact]
    public void Moscow_evening_is_shown_in_local_time_and_today_is_the_business_day()
    {
        // 22:30 UTC on Friday is 01:30 on Saturday in Moscow: still Friday's night.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 22, 30, 0, TimeSpan.Zero));
        var options = Options.Create(new LoungeOptions
        {
            TimeZone = "Europe/Moscow",
            OpeningHours = new() { [DayOfWeek.Friday] = "14:00-04:00" },
            Phone = "+7 (495) 123-45-67",
        });
        var lounge = new LoungeProfile(options, clock, new OpeningHoursCache(options));

        lounge.LocalNow.Should().Be(new DateTime(2026, 11, 28, 1, 30, 0));
        lounge.BusinessToday.Should().Be(new DateOnly(2026, 11, 27));
        lounge.IsOpenNow.Should().BeTrue();
        lounge.PhoneHref.Should().Be("tel:+74951234567");
    }

    [Theory]
    [InlineData("2026-11-27 22:30", "2026-11-27")] // 01:30 Saturday: Friday's night
    [InlineData("2026-11-28 02:59", "2026-11-27")] // 05:59 Saturday, after closing, before the cut-off
    [InlineData("2026-11-28 03:00", "2026-11-28")] // 06:00: Saturday begins
    [InlineData("2026-11-30 22:30", "2026-11-30")] // 01:30 Tuesday after a closed Monday
    public void The_current_business_day_always_contains_now(string utcNow, string expected)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(DateTime.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero));
        var options = Options.Create(new LoungeOptions
        {
            TimeZone = "Europe/Moscow",
            OpeningHours = new() { [DayOfWeek.Friday] = "14:00-04:00", [DayOfWeek.Tuesday] = "14:00-02:00" },
        });
        var lounge = new LoungeProfile(options, clock, new OpeningHoursCache(options));

        lounge.CurrentBusinessDay.Should().Be(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        var (start, end) = lounge.CurrentBusinessDayUtc;
        lounge.UtcNow.Should().BeOnOrAfter(start).And.BeBefore(end);
    }
}
