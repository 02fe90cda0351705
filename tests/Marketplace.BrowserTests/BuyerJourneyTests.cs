using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Testing;
using Microsoft.Playwright;

namespace Marketplace.BrowserTests;

public sealed partial class BuyerJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task The_sign_in_and_registration_pages_run_without_script_errors()
    {
        var page = await App.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync("/Identity/Account/Login");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.GotoAsync("/Identity/Account/Register");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        errors.Should().BeEmpty("a script that fails (jQuery Validation without jQuery did) is a form that behaves differently from the others");
    }

    [Fact]
    public async Task A_buyer_browses_searches_opens_a_listing_and_switches_the_destination_country()
    {
        await App.Factory.Database!.ResetAsync();
        var catalog = new CatalogBuilder(App.Factory);
        var kitchen = await catalog.CategoryAsync("Home & Kitchen");
        var fashion = await catalog.CategoryAsync("Fashion");
        var berlin = await catalog.SellerAsync("Berliner Werkstatt", "DE");
        var lisbon = await catalog.SellerAsync("Lisbon Atelier", "PT");
        await catalog.ListingAsync(berlin, kitchen, "Cast iron skillet");
        await catalog.ListingAsync(lisbon, fashion, "Cork wallet");
        var scarf = await catalog.ListingAsync(lisbon, fashion, "Silk scarf with hand-rolled edges", handlingDays: 2, configure: l =>
        {
            l.AddSpec("Material", "100% silk twill");
            l.AddVariant("SCARF-AZ", "Azulejo", new Money(5999, "USD"), 5);
            l.AddVariant("SCARF-SA", "Sardinha", new Money(6499, "USD"), 2);
            l.AddShippingOption("PT", ShippingMethod.Standard, "CTT", new Money(0, "USD"), 1, 3);
            l.AddShippingOption("US", ShippingMethod.Standard, "USPS", new Money(1299, "USD"), 6, 12);
            l.AddShippingOption(null, ShippingMethod.ExpressCourier, "DHL Express", new Money(2999, "USD"), 3, 6);
        });
        var page = await App.NewPageAsync(locale: "en-US");

        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shop by category" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".category-tile")).ToHaveCountAsync(2);
        await BrowserApp.ScreenshotAsync(page, "01-home");

        await page.GetByLabel("Search listings").FillAsync("silk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#result-count")).ToHaveTextAsync("1 listing");
        await BrowserApp.ScreenshotAsync(page, "02-search");

        await page.GetByRole(AriaRole.Link, new() { Name = "Silk scarf with hand-rolled edges" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Silk scarf with hand-rolled edges", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#store-name")).ToHaveTextAsync("Lisbon Atelier");
        await Assertions.Expect(page.Locator("#destination-name")).ToHaveTextAsync("United States");
        await Assertions.Expect(page.Locator("#shipping-options li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#shipping-options")).ToContainTextAsync("USPS");
        await page.Locator(".variant-options").GetByRole(AriaRole.Link, new() { Name = "Sardinha" }).ClickAsync();
        await Assertions.Expect(page.Locator("#price")).ToHaveTextAsync("$64.99");
        await BrowserApp.ScreenshotAsync(page, "03-listing-us");

        await page.GetByLabel("Ship to").SelectOptionAsync("PT");
        await Assertions.Expect(page.Locator("#destination-name")).ToHaveTextAsync("Portugal");
        var today = DateOnly.FromDateTime(App.Factory.Clock.GetUtcNow().UtcDateTime);
        var arrives = string.Create(CultureInfo.InvariantCulture, $"Arrives {today.AddDays(1):MMM d} – {today.AddDays(5):MMM d}");
        await Assertions.Expect(page.Locator("#shipping-options")).ToContainTextAsync("CTT");
        await Assertions.Expect(page.Locator("#shipping-options")).ToContainTextAsync(arrives);
        await Assertions.Expect(page.Locator("#shipping-options")).ToContainTextAsync("Free");
        await Assertions.Expect(page.Locator("#price")).ToHaveTextAsync("$64.99");
        await BrowserApp.ScreenshotAsync(page, "04-listing-portugal");

        await page.GetByLabel("Ship to").SelectOptionAsync("JP");
        await Assertions.Expect(page.Locator("#shipping-options")).ToContainTextAsync("DHL Express");
        page.Url.Should().Contain(scarf.Id.ToString());
    }

    [Fact]
    public async Task On_a_phone_search_and_the_cart_stay_in_view_the_menu_opens_even_without_javascript_and_the_first_screen_shows_products()
    {
        await App.Factory.Database!.ResetAsync();
        var catalog = new CatalogBuilder(App.Factory);
        var listing = await catalog.ListingAsync(await catalog.SellerAsync("Kyoto Craft Supply", "JP"), await catalog.CategoryAsync("Books"), "A5 dot grid notebook");
        var page = await App.NewPageAsync(width: 390, height: 844);

        await page.GotoAsync($"/Listing/{listing.Id}");
        await Assertions.Expect(page.GetByLabel("Search listings")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(page.Locator("#nav-cart")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#cart-count")).ToHaveTextAsync("1 item in your cart");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Assertions.Expect(page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        await BrowserApp.ScreenshotAsync(page, "05-listing-phone");
        overflow.Should().BeFalse();

        await page.GotoAsync("/");
        var firstCard = await page.Locator(".listing-card").First.BoundingBoxAsync();
        firstCard!.Y.Should().BeLessThan(844 - 150, "a product shows on the first screen of a phone");

        var noScript = await App.NewPageAsync(width: 390, height: 844, javaScript: false);
        await noScript.GotoAsync("/");
        await Assertions.Expect(noScript.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeHiddenAsync();
        await noScript.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Assertions.Expect(noScript.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "Log in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_visitor_registers_confirms_the_email_from_the_dev_mailbox_and_logs_in()
    {
        await App.Factory.Database!.ResetAsync();
        var page = await App.NewPageAsync();
        const string email = "maria@test.local";

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Register" }).ClickAsync();
        await page.GetByLabel("Your name").FillAsync("Maria Silva");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Country").SelectOptionAsync("BR");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(MarketplaceAppFactoryExtensions.Password);
        await page.GetByLabel("Confirm password").FillAsync(MarketplaceAppFactoryExtensions.Password);
        await BrowserApp.ScreenshotAsync(page, "06-register");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();

        await page.GotoAsync("/Dev/Mailbox");
        await Assertions.Expect(page.Locator(".mail-to").First).ToHaveTextAsync(email);
        await page.Locator(".mail-body a").First.ClickAsync();
        await Assertions.Expect(page.GetByText("Thank you: your e-mail address is confirmed.")).ToBeVisibleAsync();

        await page.GotoAsync("/Identity/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(MarketplaceAppFactoryExtensions.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Maria Silva" })).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "07-logged-in");
        Path().IsMatch(page.Url).Should().BeTrue();
    }

    [GeneratedRegex("/$")]
    private static partial Regex Path();
}
