using Marketplace.Core.Identity;
using Marketplace.Domain.Common;
using Marketplace.Domain.Trust;
using Marketplace.Testing;
using Microsoft.Playwright;

namespace Marketplace.BrowserTests;

public sealed class TrustJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Bank_transfer_warning_Addidas_review_takedown_with_reasons_and_a_verified_review_with_a_photo()
    {
        await App.Factory.Database!.ResetAsync();
        var catalog = new CatalogBuilder(App.Factory);
        var seller = await catalog.SellerAsync("Street Kicks", "DE");
        var shoes = await catalog.CategoryAsync("Shoes");
        var runner = await catalog.ListingAsync(seller, shoes, "Canvas runner");
        var tote = await catalog.ListingAsync(seller, shoes, "Monogram shoe bag");
        var buyerUser = await App.Factory.CreateUserAsync("ana@test.local");
        await new OrderBuilder(App.Factory).ConfirmedOrdersAsync(seller, buyerUser.Id, 1, 4_500, App.Factory.Clock.GetUtcNow().AddDays(10), runner);
        await App.Factory.CreateUserAsync("admin@test.local", true, Roles.Admin);
        await App.Factory.CreateUserAsync("legal@brand.test", true, Roles.RightsHolder);
        await using (var db = App.Factory.CreateDbContext())
        {
            db.Brands.Add(new Brand("Adidas", new Money(6_000, "USD"), App.Factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        // The seller pushes a bank transfer; the buyer sees a warning beside it.
        var sellerPage = await App.NewPageAsync();
        await BrowserApp.LogInAsync(sellerPage, await App.Factory.EmailOfAsync(seller));
        await sellerPage.GotoAsync("/Seller/Orders");
        await sellerPage.Locator(".seller-order-row").First.ClickAsync();
        await sellerPage.GetByLabel("Message to ana").FillAsync("Next time pay me by bank transfer, IBAN DE89 3704 0044 0532 0130 00, and save 10%.");
        await sellerPage.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(sellerPage.Locator("#messages .message-warning")).ToContainTextAsync("Flagged for review");

        var buyer = await App.NewPageAsync();
        await BrowserApp.LogInAsync(buyer, "ana@test.local");
        await Assertions.Expect(buyer.Locator("#unread-messages")).ToContainTextAsync("1");
        await buyer.GotoAsync("/Messages");
        await buyer.Locator("#inbox a").First.ClickAsync();
        await Assertions.Expect(buyer.Locator("#messages .message-warning")).ToContainTextAsync("asks for payment outside Marketplace");
        await BrowserApp.ScreenshotAsync(buyer, "trust-01-buyer-warning");

        var admin = await App.NewPageAsync();
        await BrowserApp.LogInAsync(admin, "admin@test.local");
        await admin.GotoAsync("/Admin/Moderation");
        await Assertions.Expect(admin.Locator(".flagged-message")).ToContainTextAsync("bank transfer");
        await BrowserApp.ScreenshotAsync(admin, "trust-02-admin-moderation");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Confirm breach" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#moderation-message")).ToContainTextAsync("Confirmed");

        // An "Addidas" listing waits for review.
        await sellerPage.GotoAsync("/Seller/Listings/new");
        await sellerPage.GetByLabel("Title").FillAsync("Addidas Samba trainers");
        await sellerPage.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Shoes" });
        await sellerPage.GetByLabel("Description").FillAsync("Classic trainers, size 42.");
        await sellerPage.GetByLabel("Variant 1 SKU").FillAsync("SAMBA-42");
        await sellerPage.GetByLabel("Variant 1 name").FillAsync("42");
        await sellerPage.GetByLabel("Variant 1 price").FillAsync("89.00");
        await sellerPage.GetByLabel("Variant 1 stock").FillAsync("3");
        await sellerPage.GetByLabel("Shipping 1 destination").SelectOptionAsync(new SelectOptionValue { Label = "All other countries" });
        await sellerPage.GetByLabel("Shipping 1 carrier").FillAsync("DHL");
        await sellerPage.GetByLabel("Shipping 1 price").FillAsync("5.00");
        await sellerPage.GetByLabel("Shipping 1 minimum days").FillAsync("3");
        await sellerPage.GetByLabel("Shipping 1 maximum days").FillAsync("7");
        await sellerPage.GetByRole(AriaRole.Button, new() { Name = "Create listing" }).ClickAsync();
        await sellerPage.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(sellerPage.Locator("#listing-status")).ToHaveTextAsync("Waiting for review");
        await Assertions.Expect(sellerPage.Locator("#moderation-note")).ToContainTextAsync("“Addidas”");
        await BrowserApp.ScreenshotAsync(sellerPage, "trust-03-addidas-waits");
        await admin.GotoAsync("/Admin/Listings");
        await Assertions.Expect(admin.Locator(".review-item")).ToContainTextAsync("Addidas Samba trainers");

        // A rights holder's notice takes a listing down; the seller reads the statement of reasons.
        var holder = await App.NewPageAsync();
        await BrowserApp.LogInAsync(holder, "legal@brand.test");
        await holder.GotoAsync("/RightsHolder");
        await holder.GetByLabel("Listing address").FillAsync($"{App.BaseAddress}Listing/{tote.Id}");
        await holder.GetByLabel("Brand or right").FillAsync("Maison X");
        await holder.GetByLabel("What infringes it, and how").FillAsync("The bag copies our registered monogram.");
        await holder.GetByRole(AriaRole.Button, new() { Name = "Submit notice" }).ClickAsync();
        await Assertions.Expect(holder.Locator(".notice-status")).ToHaveTextAsync("Submitted");
        await admin.GotoAsync("/Admin/Takedowns");
        await admin.Locator(".decide-form input[name=reason]").FillAsync("The monogram matches trademark EUTM 018000001.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Remove listing" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#takedown-message")).ToContainTextAsync("Listing removed");
        await sellerPage.GotoAsync($"/Seller/Listings/{tote.Id}");
        await Assertions.Expect(sellerPage.Locator("#moderation-note")).ToContainTextAsync("EUTM 018000001");
        await Assertions.Expect(sellerPage.Locator("#counter-notice-form")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(sellerPage, "trust-04-statement-of-reasons");

        // The buyer reviews the received order with a photo; the listing shows it.
        await buyer.GotoAsync("/Orders");
        await buyer.Locator(".order-row").First.ClickAsync();
        await buyer.GetByRole(AriaRole.Link, new() { Name = "Write a review" }).ClickAsync();
        await buyer.GetByLabel("4 stars").CheckAsync();
        await buyer.GetByLabel("What did you think?").FillAsync("Comfortable from day one; the canvas is thicker than it looks.");
        await buyer.GetByLabel("Photos").SetInputFilesAsync(new FilePayload { Name = "on-my-feet.png", MimeType = "image/png", Buffer = TestImages.Png() });
        await BrowserApp.ScreenshotAsync(buyer, "trust-05-review-form");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Post review" }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#order-message")).ToContainTextAsync("Thanks for your review");
        await buyer.GotoAsync($"/Listing/{runner.Id}");
        await Assertions.Expect(buyer.Locator("#rating-summary")).ToContainTextAsync("4.0");
        await Assertions.Expect(buyer.Locator("#buyer-photos img")).ToHaveCountAsync(1);
        await Assertions.Expect(buyer.Locator("#trust-profile")).ToContainTextAsync("Ships on time");
        await BrowserApp.ScreenshotAsync(buyer, "trust-06-listing-with-review");

        var phone = await App.NewPageAsync(width: 390, height: 844);
        await BrowserApp.LogInAsync(phone, "admin@test.local");
        foreach (var path in new[] { "/Admin/Moderation", "/Admin/Takedowns", "/Admin/Listings" })
        {
            await phone.GotoAsync(path);
            (await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue($"{path} fits a phone");
        }

        await BrowserApp.ScreenshotAsync(phone, "trust-07-admin-phone");
    }
}
