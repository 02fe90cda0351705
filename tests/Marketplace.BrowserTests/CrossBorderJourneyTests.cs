using System.Globalization;
using Marketplace.Core.Disputes;
using Marketplace.Core.Orders;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Marketplace.Testing;
using Marketplace.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Marketplace.BrowserTests;

/// <summary>
/// The marketplace in other languages, in a browser set to them: a German seller opens a store and lists a mug priced
/// "24,90" (euros), and a Brazilian buyer finds it in Portuguese, in reais, and pays for it. Texts are looked up in the
/// app's own translations, so the test follows the wording and fails on any page element left in English.
/// </summary>
public sealed class CrossBorderJourneyTests(BrowserApp app) : BrowserTest(app)
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de");
    private static readonly CultureInfo Portuguese = CultureInfo.GetCultureInfo("pt-BR");
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja");

    [Fact]
    public async Task A_German_seller_lists_in_euros_and_a_Brazilian_buyer_pays_in_reais_each_in_their_language()
    {
        await App.Factory.Database!.ResetAsync();
        var catalog = new CatalogBuilder(App.Factory);
        await catalog.CategoryAsync("Home & Kitchen");
        await App.Factory.RunAsync<Marketplace.Core.Exchange.ExchangeRatesStore, bool>(async rates =>
        {
            await rates.ImportAsync(Marketplace.Core.Exchange.ExchangeRatesStore.Shipped(App.Factory.Clock.GetUtcNow()));
            return true;
        });
        await App.Factory.CreateUserAsync("toepferin@test.local");
        var seller = await App.NewPageAsync(locale: "de-DE");

        await seller.GotoAsync("/Identity/Account/Login");
        await seller.GetByLabel(De("Email")).FillAsync("toepferin@test.local");
        await seller.GetByLabel(De("Password")).FillAsync(MarketplaceAppFactoryExtensions.Password);
        await seller.GetByRole(AriaRole.Button, new() { Name = De("Log in") }).ClickAsync();
        await seller.GetByRole(AriaRole.Link, new() { Name = De("Sell"), Exact = true }).ClickAsync();
        await seller.GetByLabel(De("Store name")).FillAsync("Töpferei Weber");
        await seller.GetByLabel(De("Country you ship from")).SelectOptionAsync("DE");
        await seller.GetByRole(AriaRole.Button, new() { Name = De("Open my store") }).ClickAsync();
        await seller.GetByRole(AriaRole.Link, new() { Name = De("New listing") }).ClickAsync();
        await Assertions.Expect(seller.GetByLabel(De("Written in"))).ToHaveValueAsync("de");
        await seller.GetByLabel(De("Title"), new() { Exact = true }).FillAsync("Steingutbecher, gesprenkelt");
        await seller.GetByLabel(De("Category")).SelectOptionAsync(new SelectOptionValue { Label = De("Home & Kitchen") });
        await seller.GetByLabel(De("Ships within (days)")).FillAsync("2");
        await seller.GetByLabel(De("Description")).FillAsync("Auf der Scheibe gedreht, spülmaschinenfest.");
        await seller.GetByLabel(De("Variant {0} SKU", 1)).FillAsync("BECHER-SAND");
        await seller.GetByLabel(De("Variant {0} name", 1)).FillAsync("Sand");
        await seller.GetByLabel(De("Variant {0} price", 1)).FillAsync("24,90");
        await seller.GetByLabel(De("Variant {0} stock", 1)).FillAsync("12");
        await seller.GetByLabel(De("Shipping {0} destination", 1)).SelectOptionAsync("*");
        await seller.GetByLabel(De("Shipping {0} carrier", 1)).FillAsync("DHL");
        await seller.GetByLabel(De("Shipping {0} price", 1)).FillAsync("4,50");
        await seller.GetByLabel(De("Shipping {0} minimum days", 1)).FillAsync("5");
        await seller.GetByLabel(De("Shipping {0} maximum days", 1)).FillAsync("12");
        await seller.GetByRole(AriaRole.Button, new() { Name = De("Create listing") }).ClickAsync();
        await Assertions.Expect(seller.GetByRole(AriaRole.Status)).ToHaveTextAsync(De("Listing created. Add photos, then publish it."));
        await seller.Locator("#photo").SetInputFilesAsync(new FilePayload { Name = "becher.png", MimeType = "image/png", Buffer = TestImages.Png() });
        await seller.GetByRole(AriaRole.Button, new() { Name = De("Upload") }).ClickAsync();
        await seller.GetByRole(AriaRole.Button, new() { Name = De("Publish") }).ClickAsync();
        await Assertions.Expect(seller.Locator("#listing-status")).ToHaveTextAsync(De("Published"));
        await seller.GetByRole(AriaRole.Link, new() { Name = De("View") }).ClickAsync();
        await Assertions.Expect(seller.Locator("#price")).ToHaveTextAsync("24,90\u00A0€", new() { Timeout = 10_000 });
        await BrowserApp.ScreenshotAsync(seller, "de-01-seller-listing");

        await App.Factory.CreateUserAsync("ana.souza@test.local");
        var buyer = await App.NewPageAsync(locale: "pt-BR");
        await buyer.GotoAsync("/Identity/Account/Login");
        await buyer.GetByLabel(Pt("Email")).FillAsync("ana.souza@test.local");
        await buyer.GetByLabel(Pt("Password")).FillAsync(MarketplaceAppFactoryExtensions.Password);
        await buyer.GetByRole(AriaRole.Button, new() { Name = Pt("Log in") }).ClickAsync();
        await buyer.GetByLabel(Pt("Search listings")).FillAsync("Steingut");
        await buyer.GetByLabel(Pt("Search listings")).PressAsync("Enter");
        await buyer.GetByRole(AriaRole.Link, new() { Name = "Steingutbecher, gesprenkelt" }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#destination-name")).ToHaveTextAsync(Pt("Brazil"));
        await Assertions.Expect(buyer.Locator("#price")).ToContainTextAsync("R$");
        await Assertions.Expect(buyer.Locator("#listing-language")).ToHaveTextAsync(Pt("Written by the seller in {0}.", "alemão"));
        await buyer.GetByRole(AriaRole.Button, new() { Name = Pt("Add to cart") }).ClickAsync();
        await buyer.GotoAsync("/Checkout");
        await Assertions.Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = Pt("Checkout"), Exact = true })).ToBeVisibleAsync();
        await buyer.GetByLabel(Pt("Full name"), new() { Exact = true }).FillAsync("Ana Souza");
        await buyer.GetByLabel(Pt("Street address"), new() { Exact = true }).FillAsync("Rua Augusta, 1500");
        await buyer.GetByLabel(Pt("City"), new() { Exact = true }).FillAsync("São Paulo");
        await buyer.GetByLabel(Pt("Postal code")).FillAsync("01304-001");
        await Assertions.Expect(buyer.Locator("#checkout-total")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^R\$\s\d{3},\d{2}$"), new() { Timeout = 10_000 });
        await BrowserApp.ScreenshotAsync(buyer, "pt-01-checkout");
        await buyer.GetByRole(AriaRole.Button, new() { Name = Pt("Continue to payment") }).ClickAsync();
        await buyer.GetByLabel(Pt("Card number")).FillAsync(Shopping.GoodCard);
        await buyer.GetByLabel(Pt("Expiry (MM/YY)")).FillAsync("12/30");
        await buyer.GetByLabel(Pt("Security code (CVC)")).FillAsync("123");
        await buyer.GetByLabel(Pt("Name on card")).FillAsync("Ana Souza");
        await buyer.Locator("#pay-button").ClickAsync();

        await Assertions.Expect(buyer.Locator("#orders-message")).ToContainTextAsync(Pt("Payment received. Your money is held safely until you confirm delivery."));
        await Assertions.Expect(buyer.Locator(".placed-order .arrival")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d"));
        await BrowserApp.ScreenshotAsync(buyer, "pt-02-order-placed");
        await buyer.GetByRole(AriaRole.Link, new() { Name = Pt("See all my orders") }).ClickAsync();
        await Assertions.Expect(buyer.Locator(".order-row .order-status")).ToHaveTextAsync(Pt("Paid, to ship"));
        await Assertions.Expect(buyer.Locator(".order-row .order-total")).ToContainTextAsync("R$");
        await BrowserApp.ScreenshotAsync(buyer, "pt-03-my-orders");
    }

    [Fact]
    public async Task A_Japanese_buyer_pays_in_yen_opens_a_dispute_in_Japanese_and_gets_an_exact_partial_refund_in_yen()
    {
        await App.Factory.Database!.ResetAsync();
        var catalog = new CatalogBuilder(App.Factory);
        await App.Factory.ImportTestRatesAsync();
        var store = await catalog.SellerAsync("Trailhead Outfitters", "US");
        var listing = await catalog.ListingAsync(store, await catalog.CategoryAsync("Outdoors"), "Trail tent for two", configure: l =>
        {
            l.AddVariant("TENT-2", "2 person", new Money(10_000, "USD"), 5);
            l.AddShippingOption(null, ShippingMethod.Standard, "USPS", new Money(0, "USD"), 5, 12);
        });
        await App.Factory.CreateUserAsync("haruto@test.local");
        var buyer = await App.NewPageAsync(locale: "ja-JP");

        await buyer.GotoAsync("/Identity/Account/Login");
        await buyer.GetByLabel(Ja("Email")).FillAsync("haruto@test.local");
        await buyer.GetByLabel(Ja("Password")).FillAsync(MarketplaceAppFactoryExtensions.Password);
        await buyer.GetByRole(AriaRole.Button, new() { Name = Ja("Log in") }).ClickAsync();
        await buyer.GetByLabel(Ja("Search listings")).FillAsync("tent");
        await buyer.GetByLabel(Ja("Search listings")).PressAsync("Enter");
        await buyer.GetByRole(AriaRole.Link, new() { Name = "Trail tent for two" }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#destination-name")).ToHaveTextAsync(Ja("Japan"));
        await Assertions.Expect(buyer.Locator("#price")).ToContainTextAsync(Yen(15_560), new() { Timeout = 10_000 });
        await buyer.GetByRole(AriaRole.Button, new() { Name = Ja("Add to cart") }).ClickAsync();
        await buyer.GotoAsync("/Checkout");
        await buyer.GetByLabel(Ja("Full name"), new() { Exact = true }).FillAsync("Haruto Sato");
        await buyer.GetByLabel(Ja("Street address"), new() { Exact = true }).FillAsync("1-2-3 Shibuya");
        await buyer.GetByLabel(Ja("City"), new() { Exact = true }).FillAsync("Tokyo");
        await buyer.GetByLabel(Ja("Postal code")).FillAsync("150-0002");
        await Assertions.Expect(buyer.Locator("#checkout-total")).ToHaveTextAsync(Yen(15_560), new() { Timeout = 10_000 });
        await buyer.GetByRole(AriaRole.Button, new() { Name = Ja("Continue to payment") }).ClickAsync();
        await buyer.GetByLabel(Ja("Card number")).FillAsync(Shopping.GoodCard);
        await buyer.GetByLabel(Ja("Expiry (MM/YY)")).FillAsync("12/30");
        await buyer.GetByLabel(Ja("Security code (CVC)")).FillAsync("123");
        await buyer.GetByLabel(Ja("Name on card")).FillAsync("Haruto Sato");
        await buyer.Locator("#pay-button").ClickAsync();
        await Assertions.Expect(buyer.Locator("#orders-message")).ToContainTextAsync(Ja("You paid {0}.", Yen(15_560)));

        Guid orderId;
        await using (var db = App.Factory.CreateDbContext())
        {
            orderId = (await db.Orders.SingleAsync(TestContext.Current.CancellationToken)).Id;
        }

        (await App.Factory.RunAsync<ShipOrder, Result<OrderStatus>>(a => a.ExecuteAsync(store.Id, orderId, "USPS", "9400100000000000000000", TestContext.Current.CancellationToken))).Succeeded.Should().BeTrue();
        await buyer.GotoAsync($"/Orders/{orderId}");
        await buyer.Locator("#confirm-entry summary").ClickAsync();
        await Assertions.Expect(buyer.Locator("#confirm-entry summary")).ToHaveTextAsync(Ja("Confirm receipt"));
        await buyer.GetByRole(AriaRole.Button, new() { Name = Ja("Yes, I received everything") }).ClickAsync();
        await buyer.GetByRole(AriaRole.Link, new() { Name = Ja("Open a dispute") }).ClickAsync();
        await buyer.GetByLabel(Ja("It isn't as described")).CheckAsync();
        await buyer.GetByLabel(Ja("A partial refund, and I keep the item")).CheckAsync();
        await buyer.GetByLabel(Ja("Amount to refund")).FillAsync("3,333");
        await buyer.GetByLabel(Ja("3. What happened?")).FillAsync("ポールが1本曲がっていました。");
        await BrowserApp.ScreenshotAsync(buyer, "ja-01-dispute-form");
        await buyer.GetByRole(AriaRole.Button, new() { Name = Ja("Open the dispute") }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#dispute-status")).ToBeVisibleAsync();

        Guid disputeId;
        await using (var db = App.Factory.CreateDbContext())
        {
            var dispute = await db.Disputes.SingleAsync(TestContext.Current.CancellationToken);
            (dispute.RequestedAmount, dispute.Currency).Should().Be(((long?)3_333, "JPY"), "“3,333” typed in Japanese is ¥3,333, not ¥333,300 or ¥3");
            disputeId = dispute.Id;
        }

        (await App.Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.AcceptAsync(DisputeParty.Seller(store.Id), disputeId, TestContext.Current.CancellationToken))).Succeeded.Should().BeTrue();
        await buyer.GotoAsync($"/Disputes/{disputeId}");
        await Assertions.Expect(buyer.Locator("#outcome")).ToContainTextAsync(Ja("{0} is refunded to your card.", Yen(3_333)));
        await BrowserApp.ScreenshotAsync(buyer, "ja-02-dispute-refunded");
        await using var after = App.Factory.CreateDbContext();
        (await after.ProviderCommands.SingleAsync(c => c.Kind == ProviderCommandKind.Refund, TestContext.Current.CancellationToken)).Amount.Should().Be(new Money(3_333, "JPY"));
    }

    private static string De(string english, params object[] values) => In(German, english, values);

    private static string Ja(string english, params object[] values) => In(Japanese, english, values);

    /// <summary>A yen amount as a Japanese page writes it (no decimals).</summary>
    private static string Yen(long amount) => new Money(amount, "JPY").Format(Japanese);

    private static string Pt(string english, params object[] values) => In(Portuguese, english, values);

    /// <summary>The app's own translation (failing when there is none), with its values filled in.</summary>
    private static string In(CultureInfo culture, string english, object[] values)
    {
        var translated = Localization.Translate(english, culture) ?? throw new InvalidOperationException($"No {culture.Name} translation of “{english}”.");
        return values.Length == 0 ? translated : string.Format(culture, translated, values);
    }
}
