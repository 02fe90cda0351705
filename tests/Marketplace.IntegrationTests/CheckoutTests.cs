using System.Net;
using Marketplace.Core.Checkout;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests;

/// <summary>Cart, checkout, the simulated card page, stock reservation and the 30-minute payment window, on PostgreSQL.</summary>
public sealed class CheckoutTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_guest_cart_from_two_sellers_is_merged_at_sign_in_paid_once_and_split_into_two_held_orders()
    {
        var home = await Catalog.CategoryAsync("Home");
        var lamp = await Catalog.ListingAsync(await Catalog.SellerAsync("Lisbon Light", "PT"), home, "Brass lamp", configure: Offer(4500, stock: 5, shipping: 1200));
        var mug = await Catalog.ListingAsync(await Catalog.SellerAsync("Kyoto Clay", "JP"), home, "Tea mug", configure: Offer(1800, stock: 5, shipping: 0));
        await Factory.CreateUserAsync("ana@test.local");
        var client = Factory.CreateBrowserLikeClient();

        (await client.AddToCartAsync(lamp)).EndedAt("/Cart").Should().BeTrue();
        await client.AddToCartAsync(mug, quantity: 2);
        await client.LogInAsync("ana@test.local");
        var cart = await client.GetDocumentAsync("/Cart");
        var (payPath, paid) = await client.BuyAsync();
        var orders = await client.GetDocumentAsync("/Orders");

        cart.Texts(".cart-group .store-name").Should().Equal("Kyoto Clay", "Lisbon Light");
        cart.Text("#items-total").Should().Be("$81.00");
        paid.EndedOnOrderPlaced().Should().BeTrue();
        var placed = await Html.ParseAsync(paid);
        placed.Text("#orders-message").Should().Be("Payment received. Your money is held safely until you confirm delivery. You paid $93.00.");
        placed.Texts(".placed-order h2").Should().HaveCount(2).And.Contain(t => t.EndsWith("sold by Lisbon Light", StringComparison.Ordinal)).And.Contain(t => t.EndsWith("sold by Kyoto Clay", StringComparison.Ordinal));
        placed.Texts(".placed-order .arrival").Should().AllSatisfy(t => t.Should().StartWith("Expected to arrive "));
        (await Factory.CreateBrowserLikeClient().GetAsync(paid.RequestMessage!.RequestUri!.PathAndQuery, Ct)).RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Identity/Account/Login", "an order confirmation is only for its buyer");
        orders.Texts(".order-row .order-store").Should().BeEquivalentTo("Lisbon Light", "Kyoto Clay");
        orders.Texts(".order-row .order-total").Should().BeEquivalentTo("$57.00", "$36.00");
        orders.Texts(".order-row .order-status").Should().AllBe("Paid, to ship");
        orders.Texts(".order-row").Should().Contain(t => t.Contains("2 × Tea mug", StringComparison.Ordinal), "one line of two mugs is not 'and 1 more'").And.NotContain(t => t.Contains("more", StringComparison.Ordinal));
        cart.Texts(".shipping-note").Should().Contain(n => n.StartsWith("Free shipping to ", StringComparison.Ordinal) && n.EndsWith(" available · choose at checkout", StringComparison.Ordinal))
            .And.Contain(n => n.StartsWith("Shipping to ", StringComparison.Ordinal) && n.Contains(" from $12.00", StringComparison.Ordinal));
        await using var db = Factory.CreateDbContext();
        var payment = await db.CheckoutPayments.SingleAsync(Ct);
        payment.Amount.Should().Be(new Money(9300, "USD"));
        payPath.Should().Be($"/Pay/{payment.Id}");
        var holds = await db.EscrowHolds.OrderBy(h => h.Amount.Amount).ToListAsync(Ct);
        holds.Select(h => (h.Amount.Amount, h.Status, h.CommissionBasisPoints)).Should().Equal((3600L, HoldStatus.Held, 800), (5700L, HoldStatus.Held, 800));
        (await db.ListingVariants.OrderBy(v => v.Price.Amount).Select(v => v.Stock).ToListAsync(Ct)).Should().Equal(3, 4);
        (await db.Carts.SelectMany(c => c.Lines).CountAsync(Ct)).Should().Be(0, "bought items leave the cart");
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_cart_quantity_above_the_stock_is_refused_and_a_line_that_ran_short_is_left_out_of_the_totals()
    {
        var home = await Catalog.CategoryAsync("Home");
        var seller = await Catalog.SellerAsync("Lisbon Light", "PT");
        var vase = await Catalog.ListingAsync(seller, home, "Vase", configure: Offer(2000, stock: 3));
        var mug = await Catalog.ListingAsync(seller, home, "Mug", configure: Offer(1000, stock: 5));
        var client = await Factory.SignInAsAsync("ana@test.local");
        await client.AddToCartAsync(vase);
        await client.AddToCartAsync(mug, quantity: 2);
        var token = (await client.GetDocumentAsync("/Cart")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        async Task<AngleSharp.Dom.IDocument> SetAsync(Guid variantId, int quantity) => await Html.ParseAsync(await client.PostAsync("/Cart?handler=Update", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["variantId"] = variantId.ToString(),
            ["quantity"] = quantity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = token,
        }), Ct));

        var tooMany = await SetAsync(vase.Variants[0].Id, 50);
        var allThree = await SetAsync(vase.Variants[0].Id, 3);
        await using (var db = Factory.CreateDbContext())
        {
            // Another buyer took most of the mugs.
            await db.ListingVariants.Where(v => v.Id == mug.Variants[0].Id).ExecuteUpdateAsync(set => set.SetProperty(v => v.Stock, 1), Ct);
        }

        var ranShort = await client.GetDocumentAsync("/Cart");
        var fewer = await SetAsync(mug.Variants[0].Id, 1);

        tooMany.Text("#cart-message").Should().Be("Only 3 left in stock.");
        allThree.Text("#cart-message").Should().Be("Cart updated.");
        ranShort.Text(".line-problem").Should().Be("Only 1 left: lower the quantity to check out.");
        ranShort.Text("main").Should().Contain("Items (3)");
        ranShort.Text("#items-total").Should().Be("$60.00", "the mugs that can't be bought as they stand are not counted");
        ranShort.Text(".group-subtotal").Should().Be("$60.00");
        ranShort.QuerySelector(".line-total del")!.TextContent.Should().Be("$20.00");
        fewer.Text("#cart-message").Should().Be("Cart updated.", "lowering a quantity is always allowed");
        fewer.Text("#items-total").Should().Be("$70.00");
    }

    [Fact]
    public async Task A_checkout_above_the_largest_total_is_refused_with_a_clear_message_and_charges_nothing()
    {
        var home = await Catalog.CategoryAsync("Home");
        var seller = await Catalog.SellerAsync("Gold Shop", "PT");
        var bar = await Catalog.ListingAsync(seller, home, "Gold bar", configure: Offer(100_000_000, stock: 200));
        var coin = await Catalog.ListingAsync(seller, home, "Gold coins", configure: Offer(100_000_000, stock: 200));
        var client = await Factory.SignInAsAsync("ana@test.local");
        await client.AddToCartAsync(bar, quantity: 99);
        await client.AddToCartAsync(coin, quantity: 2);

        var checkout = await client.CheckoutAsync();
        var page = await Html.ParseAsync(checkout);

        checkout.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        page.Text("#checkout-errors").Should().Contain("One checkout can be at most $100,000,000.00.");
        await using var db = Factory.CreateDbContext();
        (await db.CheckoutPayments.CountAsync(Ct)).Should().Be(0);
        (await db.ListingVariants.Select(v => v.Stock).ToListAsync(Ct)).Should().AllBeEquivalentTo(200, "no stock was reserved");
    }

    [Fact]
    public async Task A_declined_card_leaves_no_paid_order_and_says_why_and_a_good_card_then_pays()
    {
        var listing = await Catalog.ListingAsync(await Catalog.SellerAsync("Shop", "FR"), await Catalog.CategoryAsync("Home"), "Vase");
        var client = await Factory.SignInAsAsync("ana@test.local");
        await client.AddToCartAsync(listing);

        var (payPath, declined) = await client.BuyAsync(Shopping.DeclinedCard);
        var declinedPage = await Html.ParseAsync(declined);
        var noFunds = await Html.ParseAsync(await client.PayAsync(payPath, Shopping.NoFundsCard));
        await using (var db = Factory.CreateDbContext())
        {
            (await db.Orders.SingleAsync(Ct)).Status.Should().Be(OrderStatus.PendingPayment);
            (await db.EscrowHolds.CountAsync(Ct)).Should().Be(0);
            (await db.LedgerTransactions.CountAsync(Ct)).Should().Be(0);
        }

        var paid = await client.PayAsync(payPath);

        declined.RequestMessage!.RequestUri!.AbsolutePath.Should().Be(payPath);
        declinedPage.Text("#payment-error").Should().Be("Your card was declined. Nothing was charged; try another card.");
        noFunds.Text("#payment-error").Should().Be("Your card has insufficient funds. Nothing was charged; try another card.");
        paid.EndedOnOrderPlaced().Should().BeTrue();
        await using var after = Factory.CreateDbContext();
        (await after.Orders.SingleAsync(Ct)).Status.Should().Be(OrderStatus.Paid);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_mistyped_card_is_explained_on_its_field()
    {
        var listing = await Catalog.ListingAsync(await Catalog.SellerAsync("Shop", "FR"), await Catalog.CategoryAsync("Home"), "Vase");
        var client = await Factory.SignInAsAsync("ana@test.local");
        await client.AddToCartAsync(listing);
        var checkout = await client.CheckoutAsync();
        var payPath = checkout.RequestMessage!.RequestUri!.AbsolutePath;

        var page = await Html.ParseAsync(await client.SubmitFormAsync(payPath, "#pay-form", new Dictionary<string, string>
        {
            ["Card.Number"] = "4242 4242",
            ["Card.Expiry"] = "12/30",
            ["Card.Cvc"] = "123",
            ["Card.Name"] = "Ana",
        }));
        var expired = await Html.ParseAsync(await client.SubmitFormAsync(payPath, "#pay-form", new Dictionary<string, string>
        {
            ["Card.Number"] = Shopping.GoodCard,
            ["Card.Expiry"] = "10/26",
            ["Card.Cvc"] = "123",
            ["Card.Name"] = "Ana",
        }));

        page.ErrorFor("Card.Number").Should().Be("Enter the card number: 16 digits, e.g. 4242 4242 4242 4242.");
        expired.ErrorFor("Card.Expiry").Should().Be("This card has expired.");
        await using var db = Factory.CreateDbContext();
        (await db.CheckoutPayments.SingleAsync(Ct)).Status.Should().Be(PaymentStatus.AwaitingPayment);
    }

    [Fact]
    public async Task Checkout_refuses_a_missing_address_on_the_form_and_keeps_the_cart()
    {
        var listing = await Catalog.ListingAsync(await Catalog.SellerAsync("Shop", "FR"), await Catalog.CategoryAsync("Home"), "Vase");
        var client = await Factory.SignInAsAsync("ana@test.local");
        await client.AddToCartAsync(listing);

        var page = await Html.ParseAsync(await client.CheckoutAsync(new Dictionary<string, string> { ["Address.Line1"] = "", ["Address.City"] = "" }));

        page.ErrorFor("Address.Line1").Should().Be("Enter the street address.");
        page.ErrorFor("Address.City").Should().Be("Enter the city.");
        await using var db = Factory.CreateDbContext();
        (await db.Orders.CountAsync(Ct)).Should().Be(0);
        (await db.Carts.SelectMany(c => c.Lines).CountAsync(Ct)).Should().Be(1);
    }

    [Fact]
    public async Task Buyers_racing_for_the_last_units_never_oversell_and_the_losers_read_sold_out()
    {
        var listing = await Catalog.ListingAsync(await Catalog.SellerAsync("Shop", "FR"), await Catalog.CategoryAsync("Home"), "Last lamps", configure: Offer(2000, stock: 3));
        var buyers = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            var user = await Factory.CreateUserAsync($"racer{i}@test.local");
            buyers.Add(user.Id);
            await using var scope = Factory.Services.CreateAsyncScope();
            (await scope.ServiceProvider.GetRequiredService<AddToCart>().ExecuteAsync(CartOwner.User(user.Id), listing.Id, listing.Variants[0].Id, 1, Ct)).Succeeded.Should().BeTrue();
        }

        var results = await Task.WhenAll(buyers.Select(async buyer =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PlaceOrder>().ExecuteAsync(buyer, Request(listing.SellerId), Ct);
        }));

        results.Count(r => r.Succeeded).Should().Be(3);
        results.Where(r => !r.Succeeded).Select(r => r.Error!.Message).Should().AllBe("Sold out: \"Last lamps\" no longer has enough stock for your quantity. Nothing was charged.");
        await using var db = Factory.CreateDbContext();
        (await db.ListingVariants.SingleAsync(Ct)).Stock.Should().Be(0);
        (await db.Orders.CountAsync(Ct)).Should().Be(3);
        (await db.Orders.SumAsync(o => o.Lines.Sum(l => l.Quantity), Ct)).Should().Be(3);
    }

    [Fact]
    public async Task The_same_checkout_submitted_several_times_at_once_places_one_order_and_every_submit_goes_to_its_payment()
    {
        // The last two: a submit that finds them taken by another submit of the same checkout isn't told "sold out".
        var listing = await Catalog.ListingAsync(await Catalog.SellerAsync("Shop", "FR"), await Catalog.CategoryAsync("Home"), "Vase", configure: Offer(2000, stock: 2));
        var buyer = await Factory.CreateUserAsync("twotabs@test.local");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AddToCart>().ExecuteAsync(CartOwner.User(buyer.Id), listing.Id, listing.Variants[0].Id, 2, Ct)).Succeeded.Should().BeTrue();
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PlaceOrder>().ExecuteAsync(buyer.Id, Request(listing.SellerId), Ct);
        }));

        results.Select(r => r.Error?.Message).Should().AllBeEquivalentTo((string?)null);
        results.Select(r => r.Value!.Id).Distinct().Should().ContainSingle("every submit leads to the one payment");
        await using var db = Factory.CreateDbContext();
        (await db.CheckoutPayments.CountAsync(Ct)).Should().Be(1);
        (await db.Orders.CountAsync(Ct)).Should().Be(1);
        (await db.ListingVariants.SingleAsync(Ct)).Stock.Should().Be(0, "the stock is taken once");
    }

    [Fact]
    public async Task A_checkout_form_changed_and_sent_again_is_not_taken_for_the_one_already_placed()
    {
        var listing = await Catalog.ListingAsync(await Catalog.SellerAsync("Shop", "FR"), await Catalog.CategoryAsync("Home"), "Vase", configure: Offer(2000, stock: 5));
        var client = await Factory.SignInAsAsync("ana@test.local");
        await client.AddToCartAsync(listing);
        var form = await FilledCheckoutFormAsync(client);
        var first = (await client.PostAsync("/Checkout", new FormUrlEncodedContent(form), Ct)).RequestMessage!.RequestUri!.AbsolutePath;

        form["Address.Line1"] = "14 Harbour Street";
        var corrected = await client.PostAsync("/Checkout", new FormUrlEncodedContent(form), Ct);

        first.Should().StartWith("/Pay/");
        corrected.RequestMessage!.RequestUri!.AbsolutePath.Should().NotBe(first, "its orders go to the old address");
        (await Html.ParseAsync(corrected)).Text("main").Should().Contain("Your cart is empty.");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public async Task A_checkout_form_submitted_again_after_it_went_through_goes_to_its_payment_for_a_minute(int secondsLater, bool toThePayment)
    {
        var listing = await Catalog.ListingAsync(await Catalog.SellerAsync("Shop", "FR"), await Catalog.CategoryAsync("Home"), "Vase", configure: Offer(2000, stock: 5));
        var client = await Factory.SignInAsAsync("ana@test.local");
        await client.AddToCartAsync(listing);
        var form = await FilledCheckoutFormAsync(client);
        var first = (await client.PostAsync("/Checkout", new FormUrlEncodedContent(form), Ct)).RequestMessage!.RequestUri!.AbsolutePath;

        Factory.Clock.Advance(TimeSpan.FromSeconds(secondsLater));
        var again = await client.PostAsync("/Checkout", new FormUrlEncodedContent(form), Ct);

        first.Should().StartWith("/Pay/");
        if (toThePayment)
        {
            again.RequestMessage!.RequestUri!.AbsolutePath.Should().Be(first);
        }
        else
        {
            (await Html.ParseAsync(again)).Text("main").Should().Contain("Your cart is empty.");
        }

        await using var db = Factory.CreateDbContext();
        (await db.CheckoutPayments.CountAsync(Ct)).Should().Be(1);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public async Task An_unpaid_order_lapses_at_thirty_minutes_and_its_stock_goes_back_on_sale(int secondsFromDeadline, bool lapsed)
    {
        var listing = await Catalog.ListingAsync(await Catalog.SellerAsync("Shop", "FR"), await Catalog.CategoryAsync("Home"), "Vase", configure: Offer(2000, stock: 2));
        var client = await Factory.SignInAsAsync("ana@test.local");
        await client.AddToCartAsync(listing, quantity: 2);
        var payPath = (await client.CheckoutAsync()).RequestMessage!.RequestUri!.AbsolutePath;

        Factory.Clock.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(secondsFromDeadline));
        int count;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            count = await scope.ServiceProvider.GetRequiredService<LapseUnpaidOrders>().ExecuteAsync(Ct);
        }

        var payPage = await client.GetDocumentAsync(payPath);
        var paid = lapsed ? null : await client.PayAsync(payPath);

        count.Should().Be(lapsed ? 1 : 0);
        await using var db = Factory.CreateDbContext();
        (await db.ListingVariants.SingleAsync(Ct)).Stock.Should().Be(lapsed ? 2 : 0);
        var order = await db.Orders.Include(o => o.Events).SingleAsync(Ct);
        if (lapsed)
        {
            order.Status.Should().Be(OrderStatus.AutoCancelled);
            order.Events.Select(e => e.Note).Should().Contain("Cancelled: payment not received within 30 minutes. Nothing was charged.");
            payPage.Text("#payment-lapsed").Should().StartWith("This checkout's 30 minutes ran out");
            payPage.QuerySelector("#pay-form").Should().BeNull();
        }
        else
        {
            paid!.EndedOnOrderPlaced().Should().BeTrue("one second before the deadline the buyer can still pay");
            order.Status.Should().Be(OrderStatus.Paid);
        }

        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_lapse_workers_at_once_cancel_each_payment_once_and_return_the_stock_once()
    {
        var listing = await Catalog.ListingAsync(await Catalog.SellerAsync("Shop", "FR"), await Catalog.CategoryAsync("Home"), "Vase", configure: Offer(2000, stock: 5));
        for (var i = 0; i < 5; i++)
        {
            var user = await Factory.CreateUserAsync($"slow{i}@test.local");
            await using var scope = Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AddToCart>().ExecuteAsync(CartOwner.User(user.Id), listing.Id, listing.Variants[0].Id, 1, Ct);
            (await scope.ServiceProvider.GetRequiredService<PlaceOrder>().ExecuteAsync(user.Id, Request(listing.SellerId), Ct)).Succeeded.Should().BeTrue();
        }

        Factory.Clock.Advance(TimeSpan.FromMinutes(30));
        var counts = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<LapseUnpaidOrders>().ExecuteAsync(Ct);
        }));

        counts.Sum().Should().Be(5);
        await using var db = Factory.CreateDbContext();
        (await db.ListingVariants.SingleAsync(Ct)).Stock.Should().Be(5);
        (await db.Orders.CountAsync(o => o.Status == OrderStatus.AutoCancelled, Ct)).Should().Be(5);
    }

    [Fact]
    public async Task Nobody_sees_or_pays_another_buyers_order_and_visitors_must_sign_in_to_check_out()
    {
        var seller = await Catalog.SellerAsync("Shop", "FR");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Home"), "Vase");
        var owner = await Factory.SignInAsAsync("ana@test.local");
        await owner.AddToCartAsync(listing);
        var (payPath, _) = await owner.BuyAsync();
        await using var db = Factory.CreateDbContext();
        var orderId = (await db.Orders.SingleAsync(Ct)).Id;
        var stranger = await Factory.SignInAsAsync("eve@test.local");
        var otherSeller = await Factory.SignInAsSellerAsync(await Catalog.SellerAsync("Other shop", "DE"));
        var visitor = Factory.CreateBrowserLikeClient(followRedirects: false);

        (await stranger.GetAsync($"/Orders/{orderId}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stranger.GetAsync(payPath, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherSeller.GetAsync($"/Seller/Orders/{orderId}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stranger.GetDocumentAsync("/Orders")).Texts(".order-row").Should().BeEmpty();
        (await (await Factory.SignInAsSellerAsync(seller)).GetAsync($"/Seller/Orders/{orderId}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var checkout = await visitor.GetAsync("/Checkout", Ct);
        checkout.StatusCode.Should().Be(HttpStatusCode.Redirect);
        checkout.Headers.Location!.ToString().Should().Contain("/Identity/Account/Login");
    }

    [Fact]
    public async Task Shipping_sets_the_delivery_deadline_and_confirming_receipt_starts_fifteen_days_of_protection()
    {
        var seller = await Catalog.SellerAsync("Shop", "FR");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Home"), "Vase", configure: Offer(2000, stock: 2, maxDays: 12));
        var buyer = await Factory.SignInAsAsync("ana@test.local");
        await buyer.AddToCartAsync(listing);
        var paidAt = Factory.Clock.GetUtcNow();
        await buyer.BuyAsync();
        Guid orderId;
        await using (var db = Factory.CreateDbContext())
        {
            orderId = (await db.Orders.SingleAsync(Ct)).Id;
        }

        var sellerClient = await Factory.SignInAsSellerAsync(seller);
        var toShip = await sellerClient.GetDocumentAsync("/Seller/Orders");
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        var shippedAt = Factory.Clock.GetUtcNow();
        var shipped = await Html.ParseAsync(await sellerClient.SubmitFormAsync($"/Seller/Orders/{orderId}", "#ship-form", new Dictionary<string, string> { ["Shipment.Carrier"] = "La Poste", ["Shipment.TrackingNumber"] = "LP123456789FR" }));
        DateTimeOffset? afterShipping;
        await using (var db = Factory.CreateDbContext())
        {
            afterShipping = (await db.EscrowHolds.SingleAsync(Ct)).ProtectionEndsAt;
        }

        Factory.Clock.Advance(TimeSpan.FromDays(3));
        var confirmed = await Html.ParseAsync(await buyer.SubmitFormAsync($"/Orders/{orderId}", "#confirm-form", new Dictionary<string, string>()));

        toShip.Text(".ship-by").Should().Be(paidAt.AddDays(3).ToString("'Ship by 'MMM d, HH:mm' UTC (3 days left)'", System.Globalization.CultureInfo.InvariantCulture));
        shipped.Text("#order-message").Should().StartWith("Marked as shipped.");
        shipped.Text("#tracking").Should().Be("Tracking: La Poste LP123456789FR");
        afterShipping.Should().Be(shippedAt.AddDays(12) + TimeSpan.FromDays(15));
        confirmed.Text(".order-status").Should().Be("Delivered");
        await using var after = Factory.CreateDbContext();
        (await after.EscrowHolds.SingleAsync(Ct)).ProtectionEndsAt.Should().Be(shippedAt.AddDays(3) + TimeSpan.FromDays(15));
        (await after.Orders.SingleAsync(Ct)).ConfirmedAt.Should().Be(shippedAt.AddDays(3));
    }

    /// <summary>The checkout form's fields as the page gives them (token, chosen shipping) with an address filled in: to send as is, again.</summary>
    private static async Task<Dictionary<string, string>> FilledCheckoutFormAsync(HttpClient client)
    {
        var form = (await client.GetDocumentAsync("/Checkout")).FormValues("#checkout-form");
        form["Address.FullName"] = "Ana Buyer";
        form["Address.Line1"] = "12 Harbour Street";
        form["Address.City"] = "Toronto";
        form["Address.PostalCode"] = "M5V 2T6";
        return form;
    }

    private static CheckoutRequest Request(Guid sellerId) =>
        new(new ShippingAddress("Ana", "1 Main St", null, "Toronto", null, "M5V", "CA", null), new Dictionary<Guid, string> { [sellerId] = "Standard" });

    /// <summary>One variant at <paramref name="price"/> with <paramref name="stock"/>; Standard shipping everywhere at <paramref name="shipping"/>.</summary>
    private static Action<Listing> Offer(long price, int stock = 10, long shipping = 500, int maxDays = 10) => listing =>
    {
        listing.AddVariant($"SKU-{Guid.NewGuid():N}"[..20], "Standard", new Money(price, "USD"), stock);
        listing.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(shipping, "USD"), 3, maxDays);
    };
}
