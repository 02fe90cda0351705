using Marketplace.Core.Escrow;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.BrowserTests;

public sealed class CheckoutJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_buyer_pays_two_sellers_at_once_one_ships_the_buyer_confirms_and_fifteen_days_later_the_seller_is_paid()
    {
        await App.Factory.Database!.ResetAsync();
        var catalog = new CatalogBuilder(App.Factory);
        var home = await catalog.CategoryAsync("Home & Kitchen");
        var lisbon = await catalog.SellerAsync("Lisbon Light", "PT");
        var kyoto = await catalog.SellerAsync("Kyoto Clay", "JP");
        var lamp = await catalog.ListingAsync(lisbon, home, "Brass table lamp", configure: l =>
        {
            l.AddVariant("LAMP-1", "Brass", new Money(4500, "USD"), 4);
            l.AddShippingOption(null, ShippingMethod.Standard, "CTT", new Money(1200, "USD"), 5, 12);
            l.AddShippingOption(null, ShippingMethod.ExpressCourier, "DHL", new Money(2900, "USD"), 2, 4);
        });
        var mug = await catalog.ListingAsync(kyoto, home, "Ash-glazed tea mug", configure: l =>
        {
            l.AddVariant("MUG-1", "Ash", new Money(1800, "USD"), 6);
            l.AddShippingOption(null, ShippingMethod.Standard, "Japan Post", new Money(0, "USD"), 7, 14);
        });
        await App.Factory.CreateUserAsync("ana@test.local");
        var buyer = await App.NewPageAsync();
        await BrowserApp.LogInAsync(buyer, "ana@test.local");

        await buyer.GotoAsync($"/Listing/{lamp.Id}");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#cart-message")).ToHaveTextAsync("Added to your cart.");
        await buyer.GotoAsync($"/Listing/{mug.Id}");
        await buyer.GetByLabel("Quantity").FillAsync("2");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(buyer.Locator(".cart-group")).ToHaveCountAsync(2);
        await Assertions.Expect(buyer.Locator("#items-total")).ToHaveTextAsync("$81.00");
        await BrowserApp.ScreenshotAsync(buyer, "checkout-01-cart");

        await buyer.GetByRole(AriaRole.Link, new() { Name = "Check out" }).ClickAsync();
        await buyer.GetByLabel("Full name").FillAsync("Ana Buyer");
        await buyer.GetByLabel("Street address").FillAsync("350 Fifth Avenue");
        await buyer.GetByLabel("City").FillAsync("New York");
        await buyer.GetByLabel("Postal code").FillAsync("10118");
        await buyer.GetByLabel("Express courier via DHL").CheckAsync();
        await Assertions.Expect(buyer.Locator("#checkout-total")).ToHaveTextAsync("$110.00");
        await buyer.GetByLabel("Standard via CTT").CheckAsync();
        await Assertions.Expect(buyer.Locator("#checkout-total")).ToHaveTextAsync("$93.00");
        await BrowserApp.ScreenshotAsync(buyer, "checkout-02-address-and-shipping");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();

        await Assertions.Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Pay $93.00" })).ToBeVisibleAsync();
        await FillCardAsync(buyer, Shopping.DeclinedCard);
        await Assertions.Expect(buyer.Locator("#payment-error")).ToContainTextAsync("Your card was declined. Nothing was charged");
        await BrowserApp.ScreenshotAsync(buyer, "checkout-03-declined");
        await using (var db = App.Factory.CreateDbContext())
        {
            (await db.Orders.CountAsync(o => o.PaidAt != null, TestContext.Current.CancellationToken)).Should().Be(0, "a declined card pays nothing");
        }

        await FillCardAsync(buyer, Shopping.GoodCard);
        await Assertions.Expect(buyer.Locator("#orders-message")).ToContainTextAsync("Payment received");
        await Assertions.Expect(buyer.Locator(".placed-order")).ToHaveCountAsync(2);
        await Assertions.Expect(buyer.Locator(".placed-order .arrival").First).ToContainTextAsync("Expected to arrive ");
        await BrowserApp.ScreenshotAsync(buyer, "checkout-04-order-placed");
        await buyer.GetByRole(AriaRole.Link, new() { Name = "See all my orders" }).ClickAsync();
        await Assertions.Expect(buyer.Locator(".order-row")).ToHaveCountAsync(2);
        await Assertions.Expect(buyer.Locator(".order-row .order-status")).ToHaveTextAsync(["Paid, to ship", "Paid, to ship"]);
        await BrowserApp.ScreenshotAsync(buyer, "checkout-05-my-orders");

        var seller = await App.NewPageAsync();
        await BrowserApp.LogInAsync(seller, await App.Factory.EmailOfAsync(lisbon));
        await seller.GotoAsync("/Seller/Orders");
        await Assertions.Expect(seller.Locator(".ship-by")).ToContainTextAsync("3 days left");
        await seller.Locator(".seller-order-row").First.ClickAsync();
        await seller.GetByLabel("Tracking number").FillAsync("RR123456785PT");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Mark as shipped" }).ClickAsync();
        await Assertions.Expect(seller.Locator("#tracking")).ToHaveTextAsync("Tracking: CTT RR123456785PT");
        await BrowserApp.ScreenshotAsync(seller, "checkout-05-seller-shipped");

        await buyer.Locator(".order-row").Filter(new() { HasText = "Lisbon Light" }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#tracking")).ToContainTextAsync("RR123456785PT");
        await Assertions.Expect(buyer.GetByRole(AriaRole.Button, new() { Name = "Yes, I received everything" })).ToBeHiddenAsync();
        await buyer.GetByText("Confirm receipt", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#confirm-form")).ToContainTextAsync("Only confirm once you've checked everything.");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Yes, I received everything" }).ClickAsync();
        await Assertions.Expect(buyer.Locator(".order-status")).ToHaveTextAsync("Delivered");
        await Assertions.Expect(buyer.Locator("#protection-ends")).ToContainTextAsync("15 days left");
        await BrowserApp.ScreenshotAsync(buyer, "checkout-06-buyer-confirmed");

        App.Factory.Clock.Advance(TimeSpan.FromDays(15));
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ReleaseDueHolds>().ExecuteAllAsync(TestContext.Current.CancellationToken)).Should().Be(1);
        }

        await seller.GotoAsync("/Seller/Payouts");
        // $57.00 (lamp + CTT) minus 8% commission ($4.56) = $52.44.
        await Assertions.Expect(seller.Locator("#released-USD")).ToHaveTextAsync("$52.44");
        await Assertions.Expect(seller.Locator(".payout-row .payout-state")).ToContainTextAsync("Released");
        await BrowserApp.ScreenshotAsync(seller, "checkout-07-seller-payouts");
        (await App.Factory.LedgerViolationsAsync()).Should().BeEmpty();

        var phone = await App.NewPageAsync(width: 390, height: 844);
        await BrowserApp.LogInAsync(phone, "ana@test.local");
        await phone.GotoAsync("/Orders");
        await Assertions.Expect(phone.Locator(".order-row")).ToHaveCountAsync(2);
        (await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue("nothing scrolls sideways on a phone");
        await BrowserApp.ScreenshotAsync(phone, "checkout-08-orders-phone");

        // The buyer's bank disputes the whole payment: the unshipped order's money freezes, the seller and admins see it.
        string charge;
        await using (var db = App.Factory.CreateDbContext())
        {
            charge = (await db.CheckoutPayments.SingleAsync(TestContext.Current.CancellationToken)).PaymentReference!;
        }

        await App.Factory.RunAsync<Chargebacks, bool>(c => c.ApplyAsync(new ChargebackNews("dp_1Browser", charge, new Money(9300, "USD"), "product_not_received", "needs_response"), ChargebackStep.Opened, TestContext.Current.CancellationToken));
        var kyotoSeller = await App.NewPageAsync();
        await BrowserApp.LogInAsync(kyotoSeller, await App.Factory.EmailOfAsync(kyoto));
        await kyotoSeller.GotoAsync("/Seller/Payouts");
        await Assertions.Expect(kyotoSeller.Locator(".payout-row .payout-state")).ToContainTextAsync("Frozen");
        await BrowserApp.ScreenshotAsync(kyotoSeller, "checkout-09-seller-chargeback-frozen");
        await App.Factory.CreateUserAsync("admin@test.local", true, Marketplace.Core.Identity.Roles.Admin);
        var admin = await App.NewPageAsync();
        await BrowserApp.LogInAsync(admin, "admin@test.local");
        await admin.GotoAsync("/Admin/Escrow");
        await Assertions.Expect(admin.Locator("#chargebacks .chargeback")).ToContainTextAsync("product not received");
        await Assertions.Expect(admin.Locator("#ledger-health")).ToContainTextAsync("Healthy");
        await BrowserApp.ScreenshotAsync(admin, "checkout-10-admin-escrow");
    }

    private static async Task FillCardAsync(IPage page, string number)
    {
        await page.GetByLabel("Card number").FillAsync(number);
        await page.GetByLabel("Expiry (MM/YY)").FillAsync("12/30");
        await page.GetByLabel("Security code (CVC)").FillAsync("123");
        await page.GetByLabel("Name on card").FillAsync("Ana Buyer");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Pay ") }).ClickAsync();
    }
}
