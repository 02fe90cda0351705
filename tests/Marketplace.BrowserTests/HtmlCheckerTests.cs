namespace Marketplace.BrowserTests;

/// <summary>The HTML check the journeys rely on finds what validator.w3.org finds.</summary>
public sealed class HtmlCheckerTests
{
    [Fact]
    public async Task The_checker_reports_a_time_with_seven_fraction_digits_and_a_link_directly_in_a_list_and_passes_a_valid_page()
    {
        var invalid = await HtmlChecker.ErrorsAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><title>Order</title></head><body><time datetime=\"2026-11-30T21:00:00.1234567+00:00\">today</time><ul><a href=\"/\">Home</a></ul></body></html>");
        var valid = await HtmlChecker.ErrorsAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><title>Order</title></head><body><time datetime=\"2026-11-30T21:00:00Z\">today</time><ul><li><a href=\"/\">Home</a></li></ul></body></html>");

        invalid.Should().HaveCount(2);
        invalid[0].Should().Contain("datetime").And.Contain("fraction of a second");
        invalid[1].Should().Contain("Element “a” not allowed as child of element “ul”");
        valid.Should().BeEmpty();
    }
}
