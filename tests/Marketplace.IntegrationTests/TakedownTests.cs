using System.Net;
using Marketplace.Core.Identity;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Trust;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>Notice and action: a rights holder's notice, the admin's decision, the seller's one counter-notice, all audited.</summary>
public sealed class TakedownTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rights_holders_notice_removes_a_listing_the_seller_answers_once_and_the_admin_restores_it()
    {
        var seller = await Catalog.SellerAsync("Bag Corner", "IT");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Bags"), "Monogram canvas tote");
        var holder = await Factory.SignInAsAsync($"legal-{Guid.NewGuid():N}@brand.test", Roles.RightsHolder);
        var admin = await Factory.SignInAsAdminAsync();
        var store = await Factory.SignInAsSellerAsync(seller);
        var buyer = await Factory.SignInAsAsync($"buyer-{Guid.NewGuid():N}@test.local");

        var unknown = await Html.ParseAsync(await holder.SubmitFormAsync("/RightsHolder", "#notice-form", new Dictionary<string, string> { ["Listing"] = "https://example.test/nothing", ["Brand"] = "Maison X", ["Description"] = "Copies our monogram." }));
        var submitted = await Html.ParseAsync(await holder.SubmitFormAsync("/RightsHolder", "#notice-form", new Dictionary<string, string> { ["Listing"] = $"http://localhost/Listing/{listing.Id}", ["Brand"] = "Maison X", ["Description"] = "The tote copies our registered monogram pattern.", ["Evidence"] = "EUTM 018000001" }));
        var buyerTries = await buyer.GetAsync("/RightsHolder", Ct);
        await admin.SubmitFormAsync("/Admin/Takedowns", "#takedowns form", new Dictionary<string, string>());
        var underReview = await holder.GetDocumentAsync("/RightsHolder");
        var removed = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Takedowns", ".decide-form", new Dictionary<string, string> { ["remove"] = "true", ["reason"] = "The pattern matches the registered trademark EUTM 018000001." }));
        var publicPage = await Factory.CreateBrowserLikeClient().GetAsync($"/Listing/{listing.Id}", Ct);
        var sellerView = await store.GetDocumentAsync($"/Seller/Listings/{listing.Id}");
        var countered = await Html.ParseAsync(await store.SubmitFormAsync($"/Seller/Listings/{listing.Id}", "#counter-notice-form", new Dictionary<string, string> { ["counterNotice"] = "Our own pattern, designed in 2019; see the attached design registration." }));
        var restored = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Takedowns", ".counter-form", new Dictionary<string, string> { ["restore"] = "true", ["reason"] = "The seller's design registration predates the notice." }));
        var holderAfter = await holder.GetDocumentAsync("/RightsHolder");
        var sellerAfter = await store.GetDocumentAsync($"/Seller/Listings/{listing.Id}");

        unknown.Text(".validation-summary-errors").Should().Contain(TakedownErrors.Listing.Message);
        submitted.Text(".notice-status").Should().Be("Submitted");
        buyerTries.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Identity/Account/AccessDenied");
        underReview.Text(".notice-status").Should().Be("Under review");
        removed.Text("#takedown-message").Should().StartWith("Listing removed");
        publicPage.StatusCode.Should().Be(HttpStatusCode.NotFound);
        sellerView.Text("#listing-status").Should().Be("Taken down");
        sellerView.Text("#moderation-note").Should().Contain("Statement of reasons").And.Contain("EUTM 018000001");
        countered.Text("#counter-notice-filed").Should().Contain("Our own pattern").And.Contain("waiting for our decision");
        countered.QuerySelector("#counter-notice-form").Should().BeNull("one counter-notice only");
        restored.Text("#takedown-message").Should().StartWith("Counter-notice upheld");
        holderAfter.Text(".notice").Should().Contain("Restored: The seller's design registration predates the notice.");
        sellerAfter.Text("#listing-status").Should().Be("Unpublished");
        await using var db = Factory.CreateDbContext();
        (await db.Listings.SingleAsync(l => l.Id == listing.Id, Ct)).Status.Should().Be(ListingStatus.Unpublished);
        (await db.AdminActions.CountAsync(a => a.Action == AdminActions.ReviewTakedown, Ct)).Should().Be(3, "review, removal and the counter-notice decision are each audited");
        (await db.Notifications.CountAsync(n => n.Title == "The seller filed a counter-notice", Ct)).Should().Be(1);
    }

    [Fact]
    public async Task A_rejected_notice_leaves_the_listing_live_and_offers_no_counter_notice()
    {
        var seller = await Catalog.SellerAsync("Honest Shop", "FR");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Bags"), "Plain tote");
        var holder = await Factory.SignInAsAsync($"legal-{Guid.NewGuid():N}@brand.test", Roles.RightsHolder);
        var admin = await Factory.SignInAsAdminAsync();
        await holder.SubmitFormAsync("/RightsHolder", "#notice-form", new Dictionary<string, string> { ["Listing"] = $"/Listing/{listing.Id}", ["Brand"] = "Maison X", ["Description"] = "Totes are ours." });

        var noReason = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Takedowns", ".decide-form", new Dictionary<string, string> { ["remove"] = "false", ["reason"] = "" }));
        var rejected = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Takedowns", ".decide-form", new Dictionary<string, string> { ["remove"] = "false", ["reason"] = "A plain tote uses no protected mark." }));
        var publicPage = await Factory.CreateBrowserLikeClient().GetAsync($"/Listing/{listing.Id}", Ct);

        noReason.Text("#takedown-message").Should().Be(TakedownErrors.Reason.Message);
        rejected.Text("#takedown-message").Should().Be("Notice rejected.");
        publicPage.StatusCode.Should().Be(HttpStatusCode.OK);
        (await holder.GetDocumentAsync("/RightsHolder")).Text(".notice-status").Should().Be("Rejected");
    }
}
