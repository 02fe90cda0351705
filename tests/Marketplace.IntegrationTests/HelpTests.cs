using System.Net;
using Marketplace.Testing;

namespace Marketplace.IntegrationTests;

/// <summary>The help centre: open to everyone, linked from every page's footer, the listing's protection box and the dispute pages, with the timers in force.</summary>
public sealed class HelpTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/Help", "Help centre")]
    [InlineData("/Help/BuyerProtection", "How buyer protection works")]
    [InlineData("/Help/Disputes", "Opening and settling a dispute")]
    [InlineData("/Help/Selling", "Selling: fees and rules")]
    [InlineData("/Help/Prohibited", "Prohibited items and intellectual property")]
    [InlineData("/Help/Terms", "Terms of use")]
    [InlineData("/Help/Privacy", "Privacy")]
    public async Task Every_help_page_is_open_to_visitors_and_marks_itself_in_the_help_menu(string path, string title)
    {
        var response = await Factory.CreateClient().GetAsync(path, Ct);
        var page = await Html.ParseAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Text("h1").Should().Be(title);
        page.Text(".help-nav [aria-current=page]").Should().Be(title);
        page.QuerySelectorAll(".help-nav a").Should().HaveCount(7);
    }

    [Fact]
    public async Task The_footer_links_the_help_centre_on_every_page_and_the_listing_and_disputes_link_their_guides()
    {
        var seller = await Catalog.SellerAsync("Help shop", "FR");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Home"), "Jug");
        var buyer = await Factory.SignInAsAsync("helpful@test.local");

        var home = await Factory.CreateClient().GetDocumentAsync("/");
        var listingPage = await Factory.CreateClient().GetDocumentAsync($"/Listing/{listing.Id}");
        var disputes = await buyer.GetDocumentAsync("/Disputes");

        home.QuerySelectorAll("footer .footer-help a").Select(a => a.GetAttribute("href")).Should().Equal(
            "/Help", "/Help/BuyerProtection", "/Help/Selling", "/Help/Prohibited", "/Help/Terms", "/Help/Privacy");
        listingPage.QuerySelector("#protection-help")!.GetAttribute("href").Should().Be("/Help/BuyerProtection");
        disputes.QuerySelector(".dispute-help")!.GetAttribute("href").Should().Be("/Help/Disputes");
    }

    [Fact]
    public async Task The_help_pages_state_the_timers_and_commission_in_force_and_follow_an_admin_s_change()
    {
        var admin = await Factory.SignInAsAdminAsync();
        var visitor = Factory.CreateClient();

        var before = await visitor.GetDocumentAsync("/Help/BuyerProtection");
        var sellingBefore = await visitor.GetDocumentAsync("/Help/Selling");
        var disputesBefore = await visitor.GetDocumentAsync("/Help/Disputes");
        var form = (await admin.GetDocumentAsync("/Admin/Rules")).FormValues("#rules-form");
        form["Form.ProtectionDays"] = "20";
        form["Form.SellerReplyDays"] = "3";
        form["Form.Commission"] = "10";
        form["Form.Reason"] = "Longer protection for the holidays";
        await admin.SubmitFormAsync("/Admin/Rules", "#rules-form", form);
        var after = await visitor.GetDocumentAsync("/Help/BuyerProtection");
        var sellingAfter = await visitor.GetDocumentAsync("/Help/Selling");
        var disputesAfter = await visitor.GetDocumentAsync("/Help/Disputes");

        before.Text("#rule-protection").Should().StartWith("Your protection lasts 15 days after you confirm receipt");
        before.Text("#rule-dispute-opens").Should().StartWith("From day 11 after the order shipped");
        before.Text("#rule-cancel").Should().Contain("after 2 days without an answer");
        before.Text("#rule-ship-by").Should().Contain("(at most 7 days)");
        sellingBefore.Text("#rule-commission").Should().StartWith("Commission: 8% of what the buyer paid");
        disputesBefore.Text("#rule-seller-reply").Should().StartWith("The seller has 5 days to accept");
        disputesBefore.Text("#rule-return").Should().Contain("you have 10 days to send the item back").And.Contain("The seller then has 10 days");
        after.Text("#rule-protection").Should().StartWith("Your protection lasts 20 days after you confirm receipt");
        sellingAfter.Text("#rule-commission").Should().StartWith("Commission: 10% of what the buyer paid");
        sellingAfter.Text("#rule-payout").Should().Contain("20 days after the buyer confirms receipt");
        disputesAfter.Text("#rule-seller-reply").Should().StartWith("The seller has 3 days to accept");
    }
}
