using System.Net;
using Marketplace.Core.Catalog;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Trust;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>The brand registry, counterfeit signals at publishing, the review queue and takedowns, through the real pages.</summary>
public sealed class ListingReviewTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_Addidas_listing_waits_for_review_with_the_reason_shown_to_its_seller_until_an_admin_approves_it()
    {
        var admin = await Factory.SignInAsAdminAsync();
        var added = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Brands", "#brand-form", new Dictionary<string, string> { ["name"] = "Adidas", ["referencePrice"] = "60.00" }));
        var duplicate = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Brands", "#brand-form", new Dictionary<string, string> { ["name"] = "adidas" }));
        var seller = await Catalog.SellerAsync("Sneaker Hub", "DE");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Shoes"), "Addidas Samba trainers", publish: false, configure: l =>
        {
            l.AddVariant("SKU-42", "42", new Marketplace.Domain.Common.Money(9_000, "USD"), 3);
            l.AddShippingOption(null, ShippingMethod.Standard, "Post", new Marketplace.Domain.Common.Money(500, "USD"), 5, 10);
        });
        var store = await Factory.SignInAsSellerAsync(seller);

        var published = await Html.ParseAsync(await store.SubmitFormAsync($"/Seller/Listings/{listing.Id}", "#status-form", new Dictionary<string, string> { ["action"] = nameof(ListingAction.Publish) }));
        var publicPage = await Factory.CreateBrowserLikeClient().GetAsync($"/Listing/{listing.Id}", Ct);
        var queue = await admin.GetDocumentAsync("/Admin/Listings");
        var approved = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Listings", "#review-queue form", new Dictionary<string, string>()));
        var publicAfter = await Factory.CreateBrowserLikeClient().GetAsync($"/Listing/{listing.Id}", Ct);
        var republished = await Html.ParseAsync(await store.SubmitFormAsync($"/Seller/Listings/{listing.Id}", "#status-form", new Dictionary<string, string> { ["action"] = nameof(ListingAction.Unpublish) }));
        var againPublished = await Html.ParseAsync(await store.SubmitFormAsync($"/Seller/Listings/{listing.Id}", "#status-form", new Dictionary<string, string> { ["action"] = nameof(ListingAction.Publish) }));

        added.Text("#brand-message").Should().StartWith("Saved Adidas");
        duplicate.Text("#brand-message").Should().Be("That brand is already in the registry.");
        published.Text("#listing-status").Should().Be("Waiting for review");
        published.Text("#moderation-note").Should().Contain("looks like the brand “Adidas” but is spelled “Addidas”");
        publicPage.StatusCode.Should().Be(HttpStatusCode.NotFound, "it isn't live while it waits");
        queue.Text(".review-item").Should().Contain("Addidas Samba trainers").And.Contain("Sneaker Hub");
        approved.Text("#listing-message").Should().StartWith("Approved");
        publicAfter.StatusCode.Should().Be(HttpStatusCode.OK);
        republished.Text("#listing-status").Should().Be("Unpublished");
        againPublished.Text("#listing-status").Should().Be("Published", "the signals an admin cleared don't hold it back again");
        await using var db = Factory.CreateDbContext();
        (await db.AdminActions.Select(a => a.Action).ToListAsync(Ct)).Should().BeEquivalentTo([AdminActions.SaveBrand, AdminActions.ReviewListing]);
    }

    [Fact]
    public async Task The_review_queue_shows_its_first_100_and_says_how_many_wait_in_all()
    {
        var seller = await Catalog.SellerAsync("Bulk Trainers", "DE");
        var shoes = await Catalog.CategoryAsync("Shoes");
        for (var i = 0; i < 101; i++)
        {
            await Catalog.ListingAsync(seller, shoes, $"Trainers no. {i}", publish: false);
        }

        await using (var db = Factory.CreateDbContext())
        {
            (await db.Database.ExecuteSqlRawAsync("""UPDATE "Listings" SET "Status" = 'PendingReview'""", Ct)).Should().Be(101);
        }

        var admin = await Factory.SignInAsAdminAsync();

        var full = await admin.GetDocumentAsync("/Admin/Listings");
        await admin.SubmitFormAsync("/Admin/Listings", "#review-queue form", new Dictionary<string, string>());
        var afterOne = await admin.GetDocumentAsync("/Admin/Listings");

        full.QuerySelectorAll(".review-item").Should().HaveCount(100);
        full.Text("#queue-shown").Should().Be("Showing the first 100 of 101 waiting; the rest appear here as these are handled.");
        afterOne.QuerySelectorAll(".review-item").Should().HaveCount(100);
        afterOne.QuerySelector("#queue-shown").Should().BeNull("every waiting listing is on the page now");
    }

    [Fact]
    public async Task Admins_keep_product_lines_so_a_flagship_far_below_its_line_waits_while_the_brand_accessories_and_subcategories_are_judged_like_with_like()
    {
        var fashion = await Catalog.CategoryAsync("Fashion");
        var sneakers = await Catalog.CategoryAsync("Sneakers", fashion);
        var toys = await Catalog.CategoryAsync("Toys");
        var admin = await Factory.SignInAsAdminAsync();
        var added = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Brands", "#brand-form", new Dictionary<string, string> { ["name"] = "Nike", ["categories"] = fashion.Slug }));
        async Task<AngleSharp.Dom.IDocument> EditRowAsync(string field, string value)
        {
            var row = (await admin.GetDocumentAsync("/Admin/Brands")).FormValues("#brand-nike form.brand-row");
            row[field] = value;
            return await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Brands", "#brand-nike form.brand-row", row));
        }

        var badCategory = await EditRowAsync("categories", "no-such-category");
        var described = await EditRowAsync("aliases", "耐克|Найк");
        var badLine = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Brands", "#brand-nike form.add-line", new Dictionary<string, string> { ["lineName"] = "Air Jordan", ["lineReference"] = "0" }));
        var line = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Brands", "#brand-nike form.add-line", new Dictionary<string, string> { ["lineName"] = "Air Jordan", ["keywords"] = "air jordan|jordan 1", ["lineCategories"] = fashion.Slug, ["lineReference"] = "55.00" }));
        var seller = await Catalog.SellerAsync("Sole Store", "US");
        var store = await Factory.SignInAsSellerAsync(seller);

        async Task<AngleSharp.Dom.IDocument> PublishAsync(Category category, string title, long price)
        {
            var listing = await Catalog.ListingAsync(seller, category, title, publish: false, configure: l =>
            {
                l.AddVariant($"SKU-{Guid.NewGuid():N}"[..12], "One", new Marketplace.Domain.Common.Money(price, "USD"), 3);
                l.AddShippingOption(null, ShippingMethod.Standard, "Post", new Marketplace.Domain.Common.Money(500, "USD"), 5, 10);
            });
            return await Html.ParseAsync(await store.SubmitFormAsync($"/Seller/Listings/{listing.Id}", "#status-form", new Dictionary<string, string> { ["action"] = nameof(ListingAction.Publish) }));
        }

        var jordans = await PublishAsync(sneakers, "Air Jordan 1 Retro High OG, size 9", 1_499);
        var fairJordans = await PublishAsync(sneakers, "Air Jordan 1 Retro High OG, size 10", 9_000);
        var laces = await PublishAsync(sneakers, "Laces for Nike Air Jordan 1, 140 cm", 299);
        var chinese = await PublishAsync(sneakers, "高仿耐克 Air Jordan 1", 9_000);
        var nkie = await PublishAsync(sneakers, "Nkie Air Jordan 1", 9_000);
        var nkieToy = await PublishAsync(toys, "Nkie plush keyring", 900);
        var page = await admin.GetDocumentAsync("/Admin/Brands");
        var removed = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Brands", "#brand-nike .brand-lines form", new Dictionary<string, string>()));
        var imported = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Brands", "#import-form", new Dictionary<string, string>()));
        var importedAgain = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Brands", "#import-form", new Dictionary<string, string>()));
        var tampered = await admin.SubmitFormAsync("/Admin/Brands", "#brand-form", new Dictionary<string, string> { ["brandId"] = "not-a-guid", ["name"] = "Acme" });

        added.Text("#brand-message").Should().StartWith("Saved Nike");
        badCategory.Text("#brand-message").Should().StartWith("Use the category slugs");
        described.Text("#brand-message").Should().StartWith("Saved Nike");
        badLine.Text("#brand-message").Should().StartWith("A product line needs a name");
        line.Text("#brand-message").Should().Be("Added the product line Air Jordan.");
        jordans.Text("#listing-status").Should().Be("Waiting for review", "the product name says Nike, the listing's category is under the brand's, and $14.99 is far below $55.00");
        jordans.Text("#moderation-note").Should().Contain("“Nike” items usually cost at least $55.00");
        fairJordans.Text("#listing-status").Should().Be("Published");
        laces.Text("#listing-status").Should().Be("Published", "laces for Nike are not judged against Nike's shoes");
        chinese.Text("#moderation-note").Should().Contain("imitation wording").And.Contain("高仿");
        nkie.Text("#moderation-note").Should().Contain("spelled “Nkie”");
        nkieToy.Text("#listing-status").Should().Be("Published", "a near miss counts only in the brand's own categories");
        page.Text("#brand-nike").Should().Contain("1 product line of Nike").And.Contain("air jordan, jordan 1").And.Contain("55.00");
        page.QuerySelector("#aliases-" + page.QuerySelector("#brand-nike input[name=brandId]")!.GetAttribute("value"))!.GetAttribute("value").Should().Be("耐克|Найк");
        removed.Text("#brand-message").Should().Be("Removed a product line of Nike.");
        removed.Text("#brand-nike").Should().Contain("0 product lines of Nike");
        imported.Text("#brand-message").Should().Be("Added 78 brands from the shipped registry, with their product lines.", "Nike is kept as the admins keep it");
        imported.QuerySelectorAll(".brand-item").Should().HaveCount(79);
        imported.Text("#brand-rolex").Should().Contain("Submariner");
        importedAgain.Text("#brand-message").Should().Be("Every brand of the shipped registry is already here.");
        tampered.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a brandId that isn't one must not add a brand instead of editing");
        await using var db = Factory.CreateDbContext();
        (await db.AdminActions.CountAsync(a => a.Action == AdminActions.SaveBrand, Ct)).Should().Be(5, "adding, describing, a line, removing it and the import are each recorded");
    }

    [Fact]
    public async Task A_live_branded_listing_repriced_far_below_the_reference_goes_back_to_review_and_a_rejection_reaches_the_seller()
    {
        await using (var db = Factory.CreateDbContext())
        {
            db.Brands.Add(new Brand("Nike", new Marketplace.Domain.Common.Money(6_000, "USD"), Factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync(Ct);
        }

        var seller = await Catalog.SellerAsync("Runner", "FR");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Shoes"), "Running shoes");
        var store = await Factory.SignInAsSellerAsync(seller);
        var form = await store.GetDocumentAsync($"/Seller/Listings/{listing.Id}");
        var fields = form.FormValues("#listing-form");
        fields["Form.Title"] = "Nike Air Max 90";

        var renamed = await Html.ParseAsync(await store.SubmitFormAsync($"/Seller/Listings/{listing.Id}", "#listing-form", fields));
        var admin = await Factory.SignInAsAdminAsync();
        var noReason = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Listings", "#review-queue form[action*='Reject']", new Dictionary<string, string> { ["reason"] = " " }));
        var rejected = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Listings", "#review-queue form[action*='Reject']", new Dictionary<string, string> { ["reason"] = "Genuine Air Max don't sell for $10; send proof of purchase." }));
        var sellerView = await store.GetDocumentAsync($"/Seller/Listings/{listing.Id}");

        renamed.Text("#listing-status").Should().Be("Waiting for review");
        renamed.Text("#moderation-note").Should().Contain("“Nike” items usually cost at least $60.00");
        noReason.Text("#listing-message").Should().Contain("Write the reason");
        rejected.Text("#listing-message").Should().StartWith("Rejected");
        sellerView.Text("#listing-status").Should().Be("Unpublished");
        sellerView.Text("#moderation-note").Should().Contain("Not approved: Genuine Air Max");
    }

    [Fact]
    public async Task A_taken_down_listing_leaves_the_shop_shows_the_seller_the_statement_of_reasons_and_cannot_be_republished()
    {
        var seller = await Catalog.SellerAsync("Watch World", "CH");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Watches"), "Submariner homage watch");
        var admin = await Factory.SignInAsAdminAsync();
        var store = await Factory.SignInAsSellerAsync(seller);

        var noStatement = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Listings", "#takedown-form", new Dictionary<string, string> { ["listing"] = $"http://localhost/Listing/{listing.Id}", ["statement"] = "" }));
        var unknown = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Listings", "#takedown-form", new Dictionary<string, string> { ["listing"] = Guid.NewGuid().ToString(), ["statement"] = "x" }));
        var takenDown = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Listings", "#takedown-form", new Dictionary<string, string> { ["listing"] = $"http://localhost/Listing/{listing.Id}", ["statement"] = "Uses the Rolex crown logo in its photos (trademark)." }));
        var publicPage = await Factory.CreateBrowserLikeClient().GetAsync($"/Listing/{listing.Id}", Ct);
        var sellerView = await store.GetDocumentAsync($"/Seller/Listings/{listing.Id}");
        var republish = await Html.ParseAsync(await store.SubmitFormAsync($"/Seller/Listings/{listing.Id}", "#status-form", new Dictionary<string, string> { ["action"] = nameof(ListingAction.Publish) }));

        noStatement.Text("#listing-message").Should().Contain("Write the reason");
        unknown.Text("#listing-message").Should().Be("No such listing.");
        takenDown.Text("#listing-message").Should().StartWith("Taken down");
        publicPage.StatusCode.Should().Be(HttpStatusCode.NotFound);
        sellerView.Text("#listing-status").Should().Be("Taken down");
        sellerView.Text("#moderation-note").Should().Contain("Statement of reasons").And.Contain("Rolex crown logo");
        sellerView.QuerySelector("#status-form button[value='Publish']").Should().BeNull();
        republish.Text(".validation-summary-errors").Should().Contain(CatalogErrors.TakenDown.Message);
        await using var db = Factory.CreateDbContext();
        (await db.Listings.SingleAsync(l => l.Id == listing.Id, Ct)).Status.Should().Be(ListingStatus.TakenDown);
        (await db.Notifications.CountAsync(n => n.Title == "Your listing was taken down", Ct)).Should().Be(1);
        (await db.AdminActions.SingleAsync(Ct)).Action.Should().Be(AdminActions.TakeDownListing);
    }
}
