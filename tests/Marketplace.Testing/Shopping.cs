using System.Net;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Sellers;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Testing;

/// <summary>Intent methods for buying through the real pages: add to cart, check out, pay.</summary>
public static class Shopping
{
    public const string GoodCard = "4242 4242 4242 4242";
    public const string DeclinedCard = "4000 0000 0000 0002";
    public const string NoFundsCard = "4000 0000 0000 9995";

    /// <summary>The e-mail the seller's owner signs in with.</summary>
    public static async Task<string> EmailOfAsync(this MarketplaceAppFactory factory, Seller seller)
    {
        await using var db = factory.CreateDbContext();
        return await db.Users.Where(u => u.Id == seller.UserId).Select(u => u.Email!).SingleAsync();
    }

    /// <summary>A new user who opened a store through the Sell page, signed in, and that store.</summary>
    public static async Task<(HttpClient Client, Seller Seller)> NewSellerThroughThePagesAsync(this MarketplaceAppFactory factory)
    {
        var email = $"seller-{Guid.NewGuid():N}@test.local";
        var client = await factory.SignInAsAsync(email);
        await client.SubmitFormAsync("/Sell", "#sell-form", new Dictionary<string, string> { ["StoreName"] = "Shop " + Guid.NewGuid().ToString("N")[..6], ["Country"] = "PT" });
        await using var db = factory.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        return (client, await db.Sellers.SingleAsync(s => s.UserId == user.Id));
    }

    public static async Task<HttpClient> SignInAsSellerAsync(this MarketplaceAppFactory factory, Seller seller)
    {
        var email = await factory.EmailOfAsync(seller);
        var client = factory.CreateBrowserLikeClient();
        var response = await client.LogInAsync(email);
        if (response.RequestMessage?.RequestUri?.AbsolutePath.Contains("Login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Logging in as the seller {seller.StoreName} failed.");
        }

        return client;
    }

    /// <summary>Submits the listing page's "Add to cart" form for a variant (the first one when null).</summary>
    public static Task<HttpResponseMessage> AddToCartAsync(this HttpClient client, Listing listing, ListingVariant? variant = null, int quantity = 1) =>
        client.SubmitFormAsync(
            $"/Listing/{listing.Id}?variant={(variant ?? listing.Variants[0]).Id}",
            "#add-to-cart",
            new Dictionary<string, string> { ["quantity"] = quantity.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Fills the checkout form with a valid address (the cheapest shipping is pre-selected) and submits it.</summary>
    public static Task<HttpResponseMessage> CheckoutAsync(this HttpClient client, IDictionary<string, string>? overrides = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Address.FullName"] = "Ana Buyer",
            ["Address.Line1"] = "12 Harbour Street",
            ["Address.City"] = "Toronto",
            ["Address.PostalCode"] = "M5V 2T6",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            fields[key] = value;
        }

        return client.SubmitFormWithChoicesAsync("/Checkout", "#checkout-form", fields);
    }

    /// <summary>Pays on the simulated provider's card page the checkout led to.</summary>
    public static Task<HttpResponseMessage> PayAsync(this HttpClient client, string payPath, string cardNumber = GoodCard) =>
        client.SubmitFormAsync(payPath, "#pay-form", new Dictionary<string, string>
        {
            ["Card.Number"] = cardNumber,
            ["Card.Expiry"] = "12/30",
            ["Card.Cvc"] = "123",
            ["Card.Name"] = "Ana Buyer",
        });

    /// <summary>Cart, checkout and payment in one go; returns the pay page's path and the final response.</summary>
    public static async Task<(string PayPath, HttpResponseMessage Paid)> BuyAsync(this HttpClient client, string cardNumber = GoodCard)
    {
        var checkout = await client.CheckoutAsync();
        var payPath = checkout.RequestMessage!.RequestUri!.AbsolutePath;
        if (!payPath.StartsWith("/Pay/", StringComparison.Ordinal))
        {
            var page = await Html.ParseAsync(checkout);
            throw new InvalidOperationException($"Checkout ended at {payPath}: {page.QuerySelector("#checkout-errors")?.TextContent}");
        }

        return (payPath, await client.PayAsync(payPath, cardNumber));
    }

    /// <summary>Like SubmitFormAsync, and also sends the checked radio buttons (the pre-selected shipping choices).</summary>
    private static async Task<HttpResponseMessage> SubmitFormWithChoicesAsync(this HttpClient client, string pageUrl, string formSelector, IDictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        if (page.QuerySelector(formSelector) is null)
        {
            throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl} (ended at {page.Url}).");
        }

        var all = new Dictionary<string, string>(fields);
        foreach (var radio in page.QuerySelectorAll("input[type=radio][checked]"))
        {
            all.TryAdd(radio.GetAttribute("name")!, radio.GetAttribute("value")!);
        }

        return await client.SubmitFormAsync(pageUrl, formSelector, all);
    }

    public static bool EndedAt(this HttpResponseMessage response, string path) =>
        response.StatusCode == HttpStatusCode.OK && response.RequestMessage?.RequestUri?.AbsolutePath == path;

    /// <summary>The payment went through and the buyer sees the order confirmation page.</summary>
    public static bool EndedOnOrderPlaced(this HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK && response.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/Orders/Placed/", StringComparison.Ordinal) == true;
}
