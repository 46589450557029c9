using HookahLounge.Bot.Keyboards;
using HookahLounge.Bot.Routing;

namespace HookahLounge.Bot.Tests;

public sealed class CallbackDataTests
{
    [Fact]
    public void Payloads_round_trip_and_stay_within_telegrams_64_bytes()
    {
        var data = Buttons.Category(int.MaxValue).ToString();

        System.Text.Encoding.UTF8.GetByteCount(data).Should().BeLessThanOrEqualTo(64);
        CallbackData.TryParse(data, out var parsed).Should().BeTrue();
        parsed.TryGetIntArgument(out var id).Should().BeTrue();
        id.Should().Be(int.MaxValue);
    }

    [Fact]
    public void Building_a_payload_over_64_bytes_fails_loudly_instead_of_being_rejected_by_telegram()
    {
        var tooLong = new CallbackData("menu", "item", new string('я', 40));

        tooLong.Invoking(d => d.ToString()).Should().Throw<InvalidOperationException>().WithMessage("*64 bytes*");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nocolon")]
    [InlineData(":action")]
    [InlineData("area:")]
    public void Malformed_payloads_do_not_parse(string? data) => CallbackData.TryParse(data, out _).Should().BeFalse();

    [Theory]
    [InlineData("menu:cat:0")]
    [InlineData("menu:cat:-1")]
    [InlineData("menu:cat:1e3")]
    [InlineData("menu:cat: 7")]
    public void Ids_must_be_positive_plain_integers(string data)
    {
        CallbackData.TryParse(data, out var parsed).Should().BeTrue();
        parsed.TryGetIntArgument(out _).Should().BeFalse();
    }
}
