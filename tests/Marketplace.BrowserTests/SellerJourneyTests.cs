using System.Globalization;
using Marketplace.Testing;
using Microsoft.Playwright;

namespace Marketplace.BrowserTests;

public sealed class SellerJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_seller_lists_a_product_with_a_photo_and_two_variants_and_a_buyer_abroad_finds_and_picks_it()
    {
        await App.Factory.Database!.ResetAsync();
        var catalog = new CatalogBuilder(App.Factory);
        await catalog.CategoryAsync("Home & Kitchen");
        await App.Factory.CreateUserAsync("potter@test.local");
        var seller = await App.NewPageAsync();

        await seller.GotoAsync("/Identity/Account/Login");
        await seller.GetByLabel("Email").FillAsync("potter@test.local");
        await seller.GetByLabel("Password").FillAsync(MarketplaceAppFactoryExtensions.Password);
        await seller.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await seller.GetByRole(AriaRole.Link, new() { Name = "Sell", Exact = true }).ClickAsync();
        await seller.GetByLabel("Store name").FillAsync("Porto Ceramics");
        await seller.GetByLabel("Country you ship from").SelectOptionAsync("PT");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Open my store" }).ClickAsync();
        await Assertions.Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "Porto Ceramics" })).ToBeVisibleAsync();

        await seller.GetByRole(AriaRole.Link, new() { Name = "New listing" }).ClickAsync();
        await seller.GetByLabel("Title").FillAsync("Speckled stoneware mug");
        await seller.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Home & Kitchen" });
        await seller.GetByLabel("Ships within (days)").FillAsync("2");
        await seller.GetByLabel("Description").FillAsync("Wheel-thrown in Porto, dishwasher safe.");
        await seller.GetByLabel("Spec 1 name").FillAsync("Glaze");
        await seller.GetByLabel("Spec 1 value").FillAsync("Iron speckle");
        await seller.GetByLabel("Variant 1 SKU").FillAsync("MUG-SAND");
        await seller.GetByLabel("Variant 1 name").FillAsync("Sand");
        await seller.GetByLabel("Variant 1 price").FillAsync("18.00");
        await seller.GetByLabel("Variant 1 stock").FillAsync("12");
        await seller.GetByLabel("Variant 2 SKU").FillAsync("MUG-SEA");
        await seller.GetByLabel("Variant 2 name").FillAsync("Sea blue");
        await seller.GetByLabel("Variant 2 price").FillAsync("21.50");
        await seller.GetByLabel("Variant 2 stock").FillAsync("4");
        await seller.GetByLabel("Shipping 1 destination").SelectOptionAsync("PT");
        await seller.GetByLabel("Shipping 1 carrier").FillAsync("CTT");
        await seller.GetByLabel("Shipping 1 price").FillAsync("0");
        await seller.GetByLabel("Shipping 1 minimum days").FillAsync("1");
        await seller.GetByLabel("Shipping 1 maximum days").FillAsync("3");
        await seller.GetByLabel("Shipping 2 destination").SelectOptionAsync("CA");
        await seller.GetByLabel("Shipping 2 method").SelectOptionAsync("ExpressCourier");
        await seller.GetByLabel("Shipping 2 carrier").FillAsync("DHL Express");
        await seller.GetByLabel("Shipping 2 price").FillAsync("24.99");
        await seller.GetByLabel("Shipping 2 minimum days").FillAsync("4");
        await seller.GetByLabel("Shipping 2 maximum days").FillAsync("7");
        await BrowserApp.ScreenshotAsync(seller, "10-seller-new-listing");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Create listing" }).ClickAsync();
        await Assertions.Expect(seller.GetByRole(AriaRole.Status)).ToHaveTextAsync("Listing created. Add photos, then publish it.");

        await seller.Locator("#photo").SetInputFilesAsync(new FilePayload { Name = "mug.png", MimeType = "image/png", Buffer = TestImages.Png() });
        await seller.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(seller.Locator("#listing-photos img")).ToHaveCountAsync(1);
        await seller.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(seller.Locator("#listing-status")).ToHaveTextAsync("Published");
        await BrowserApp.ScreenshotAsync(seller, "11-seller-published");

        // The shipped demo rates (1 € = 1.63 CA$) are in force, as in the demo.
        await App.Factory.RunAsync<Marketplace.Core.Exchange.ExchangeRatesStore, bool>(async rates =>
        {
            await rates.ImportAsync(Marketplace.Core.Exchange.ExchangeRatesStore.Shipped(App.Factory.Clock.GetUtcNow()));
            return true;
        });
        var buyer = await App.NewPageAsync(locale: "en-CA");
        await buyer.GotoAsync("/");
        await buyer.GetByLabel("Search listings").FillAsync("speckle");
        await buyer.GetByLabel("Search listings").PressAsync("Enter");
        await buyer.GetByRole(AriaRole.Link, new() { Name = "Speckled stoneware mug" }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#destination-name")).ToHaveTextAsync("Canada");
        await buyer.Locator(".variant-options").GetByRole(AriaRole.Link, new() { Name = "Sea blue" }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#price")).ToHaveTextAsync("≈ CA$35.05", new() { Timeout = 10_000 });
        await Assertions.Expect(buyer.Locator("#seller-price")).ToContainTextAsync("Seller's price: €21.50");
        await Assertions.Expect(buyer.Locator("#stock")).ToHaveTextAsync("4 in stock");
        var today = DateOnly.FromDateTime(App.Factory.Clock.GetUtcNow().UtcDateTime);
        var arrives = string.Create(CultureInfo.InvariantCulture, $"Arrives {today.AddDays(4):MMM d} – {today.AddDays(9):MMM d}");
        await Assertions.Expect(buyer.Locator("#shipping-options")).ToContainTextAsync("DHL Express");
        await Assertions.Expect(buyer.Locator("#shipping-options")).ToContainTextAsync(arrives);
        await Assertions.Expect(buyer.Locator(".gallery-main")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(buyer, "12-buyer-canada");
    }
}
