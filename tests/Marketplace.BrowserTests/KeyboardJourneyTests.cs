using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Testing;
using Microsoft.Playwright;

namespace Marketplace.BrowserTests;

/// <summary>A buyer who uses no mouse: every step from signing in to a paid order is reached with Tab and done with the keyboard, and the focus is always visible.</summary>
public sealed class KeyboardJourneyTests(BrowserApp app) : BrowserTest(app)
{
    /// <summary>More Tab presses than this to reach a control means it is effectively out of reach.</summary>
    private const int MaxTabs = 80;

    [Fact]
    public async Task A_buyer_goes_from_search_to_a_paid_order_with_the_keyboard_alone_and_always_sees_where_the_focus_is()
    {
        await App.Factory.Database!.ResetAsync();
        var catalog = new CatalogBuilder(App.Factory);
        var seller = await catalog.SellerAsync("Linho Lisboa", "PT");
        Guid sage = Guid.Empty;
        var towel = await catalog.ListingAsync(seller, await catalog.CategoryAsync("Home & Kitchen"), "Linen tea towel", configure: l =>
        {
            l.AddVariant("TOWEL-SAND", "Sand", new Money(1400, "USD"), 5);
            sage = l.AddVariant("TOWEL-SAGE", "Sage", new Money(1500, "USD"), 5).Id;
            l.AddShippingOption(null, ShippingMethod.Standard, "CTT", new Money(500, "USD"), 4, 9);
        });
        await App.Factory.CreateUserAsync("keys@test.local");
        var page = await App.NewPageAsync();

        await page.GotoAsync("/Identity/Account/Login");
        await TabToAsync(page, "#Input_Email");
        await page.Keyboard.TypeAsync("keys@test.local");
        await TabToAsync(page, "#Input_Password");
        await page.Keyboard.TypeAsync(MarketplaceAppFactoryExtensions.Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Login"));

        await TabToAsync(page, "#site-search");
        await page.Keyboard.TypeAsync("tea towel");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Search"));

        await TabToAsync(page, $".listing-card a[href='/Listing/{towel.Id}']");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Linen tea towel" })).ToBeVisibleAsync();
        await TabToAsync(page, $".variant-options a[href*='{sage}']");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".variant-options a[aria-current=true]")).ToHaveTextAsync("Sage");
        await TabToAsync(page, "#add-to-cart button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#cart-message")).ToHaveTextAsync("Added to your cart.");
        await Assertions.Expect(page.Locator("#cart-count")).ToHaveTextAsync("1 item in your cart");

        await TabToAsync(page, "#nav-cart");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Cart$"));
        await TabToAsync(page, "#go-to-checkout");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Checkout$"));
        foreach (var (field, value) in new[] { ("#Address_FullName", "Kei Board"), ("#Address_Line1", "350 Fifth Avenue"), ("#Address_City", "New York"), ("#Address_PostalCode", "10118") })
        {
            await TabToAsync(page, field);
            await page.Keyboard.TypeAsync(value);
        }

        await TabToAsync(page, "input.shipping-choice");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("#checkout-total")).ToHaveTextAsync("$20.00");
        await TabToAsync(page, "#place-order");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pay $20.00" })).ToBeVisibleAsync();
        foreach (var (field, value) in new[] { ("#Card_Number", Shopping.GoodCard), ("#Card_Expiry", "12/30"), ("#Card_Cvc", "123"), ("#Card_Name", "Kei Board") })
        {
            await TabToAsync(page, field);
            await page.Keyboard.TypeAsync(value);
        }

        await TabToAsync(page, "#pay-button");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Orders/Placed/"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Linen tea towel");
        await BrowserApp.ScreenshotAsync(page, "keyboard-01-paid");
    }

    /// <summary>
    /// Presses Tab until the focus is on an element matching <paramref name="selector"/>, and checks the focus is drawn there
    /// (an outline or a focus ring), as WCAG 2.4.7 asks.
    /// </summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        for (var i = 0; i < MaxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<string?>(
                """
                selector => {
                    const e = document.activeElement;
                    if (!e || !e.matches(selector)) return null;
                    const s = getComputedStyle(e);
                    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
                    const ring = s.boxShadow && s.boxShadow !== 'none';
                    return outline || ring ? 'visible' : 'invisible';
                }
                """,
                selector);
            if (focus is not null)
            {
                focus.Should().Be("visible", $"the keyboard focus on {selector} must be visible");
                return;
            }
        }

        throw new Xunit.Sdk.XunitException($"{selector} on {page.Url} wasn't reached within {MaxTabs} presses of Tab.");
    }
}
