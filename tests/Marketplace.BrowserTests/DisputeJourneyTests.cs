using Marketplace.Testing;
using Microsoft.Playwright;

namespace Marketplace.BrowserTests;

public sealed class DisputeJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_buyer_disputes_with_a_photo_the_seller_counters_the_buyer_escalates_and_the_admin_decides_a_partial_refund()
    {
        await App.Factory.Database!.ResetAsync();
        var catalog = new CatalogBuilder(App.Factory);
        var seller = await catalog.SellerAsync("Porto Ceramics", "PT");
        var buyerUser = await App.Factory.CreateUserAsync("ana@test.local");
        await new OrderBuilder(App.Factory).ConfirmedOrdersAsync(seller, buyerUser.Id, 1, 10_000, App.Factory.Clock.GetUtcNow().AddDays(10));
        await App.Factory.CreateUserAsync("admin@test.local", true, Marketplace.Core.Identity.Roles.Admin);

        var buyer = await App.NewPageAsync();
        await BrowserApp.LogInAsync(buyer, "ana@test.local");
        await buyer.GotoAsync("/Orders");
        await buyer.GetByRole(AriaRole.Link, new() { Name = "Disputes & Reports" }).ClickAsync();
        await buyer.Locator("#disputable-orders").GetByRole(AriaRole.Link).First.ClickAsync();
        await buyer.GetByLabel("It isn't as described").CheckAsync();
        await buyer.GetByLabel("A partial refund, and I keep the item").CheckAsync();
        await buyer.GetByLabel("Amount to refund").FillAsync("30.00");
        await buyer.GetByLabel("3. What happened?").FillAsync("The listing said hand-painted; this is a printed transfer.");
        await buyer.GetByLabel("4. Photos or videos").SetInputFilesAsync(new FilePayload { Name = "printed-pattern.png", MimeType = "image/png", Buffer = TestImages.Png() });
        await BrowserApp.ScreenshotAsync(buyer, "dispute-01-open");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Open the dispute" }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#dispute-status")).ToHaveTextAsync("Waiting for the seller");
        await Assertions.Expect(buyer.Locator("#evidence .evidence-file")).ToContainTextAsync("printed-pattern.png");
        await buyer.GetByLabel("Message to Porto Ceramics").FillAsync("The pattern rubs off with a wet cloth, see the photo.");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#messages .message-mine")).ToContainTextAsync("The pattern rubs off");
        await BrowserApp.ScreenshotAsync(buyer, "dispute-02-buyer-waiting");

        var sellerPage = await App.NewPageAsync();
        await BrowserApp.LogInAsync(sellerPage, await App.Factory.EmailOfAsync(seller));
        await sellerPage.GotoAsync("/Seller/Disputes");
        await Assertions.Expect(sellerPage.Locator(".dispute-row .dispute-status")).ToHaveTextAsync("Answer needed");
        await sellerPage.Locator(".dispute-row").First.ClickAsync();
        await Assertions.Expect(sellerPage.Locator("#messages .message-theirs")).ToContainTextAsync("The pattern rubs off");
        await sellerPage.GetByLabel("Refund (USD)").FillAsync("10.00");
        await sellerPage.GetByLabel("Message to the buyer").FillAsync("It is hand-finished; I can offer $10.");
        await BrowserApp.ScreenshotAsync(sellerPage, "dispute-03-seller-answers");
        await sellerPage.GetByRole(AriaRole.Button, new() { Name = "Send the offer" }).ClickAsync();
        await Assertions.Expect(sellerPage.Locator("#dispute-status")).ToHaveTextAsync("Offer to answer");

        await buyer.ReloadAsync();
        await Assertions.Expect(buyer.Locator("#offer")).ToContainTextAsync("a partial refund of $10.00");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Reject it" }).ClickAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Ask an admin to decide" }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#dispute-status")).ToHaveTextAsync("With an admin");

        var admin = await App.NewPageAsync();
        await BrowserApp.LogInAsync(admin, "admin@test.local");
        await admin.GotoAsync("/Admin/Disputes");
        await admin.Locator(".queued-dispute").First.ClickAsync();
        await Assertions.Expect(admin.Locator("#evidence")).ToContainTextAsync("printed-pattern.png");
        await Assertions.Expect(admin.Locator("#messages")).ToContainTextAsync("The pattern rubs off");
        await admin.GetByLabel("Partial refund", new() { Exact = true }).CheckAsync();
        await admin.GetByLabel("Partial refund (USD)").FillAsync("20.00");
        await admin.GetByLabel("Reason (both sides see it)").FillAsync("The photo shows a printed transfer; a partial refund is fair.");
        await BrowserApp.ScreenshotAsync(admin, "dispute-04-admin-case");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Decide" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#dispute-status")).ToHaveTextAsync("Settled");

        await buyer.ReloadAsync();
        await Assertions.Expect(buyer.Locator("#outcome")).ToContainTextAsync("$20.00 is refunded to your card");
        await buyer.Locator(".breadcrumb a").First.ClickAsync();
        await BrowserApp.ScreenshotAsync(buyer, "dispute-05-buyer-settled");

        await sellerPage.GotoAsync("/Seller/Payouts");
        // $100.00 − $20.00 refunded = $80.00 kept; 8% commission ($6.40) → $73.60 released.
        await Assertions.Expect(sellerPage.Locator("#released-USD")).ToHaveTextAsync("$73.60");
        await BrowserApp.ScreenshotAsync(sellerPage, "dispute-06-seller-payouts");
        (await App.Factory.LedgerViolationsAsync()).Should().BeEmpty();

        var phone = await App.NewPageAsync(width: 390, height: 844);
        await BrowserApp.LogInAsync(phone, "ana@test.local");
        await phone.GotoAsync("/Disputes");
        await phone.Locator(".dispute-row").First.ClickAsync();
        (await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue("nothing scrolls sideways on a phone");
        await BrowserApp.ScreenshotAsync(phone, "dispute-07-phone");

        var sellerPhone = await App.NewPageAsync(width: 390, height: 844);
        await BrowserApp.LogInAsync(sellerPhone, await App.Factory.EmailOfAsync(seller));
        await sellerPhone.GotoAsync("/Seller/Disputes");
        await sellerPhone.Locator(".dispute-row").First.ClickAsync();
        (await sellerPhone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue("the seller's dispute page fits a phone");
        await BrowserApp.ScreenshotAsync(sellerPhone, "dispute-08-seller-phone");

        var adminPhone = await App.NewPageAsync(width: 390, height: 844);
        await BrowserApp.LogInAsync(adminPhone, "admin@test.local");
        await adminPhone.GotoAsync(admin.Url);
        (await adminPhone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue("the admin's case page fits a phone");
        await BrowserApp.ScreenshotAsync(adminPhone, "dispute-09-admin-phone");
    }
}
