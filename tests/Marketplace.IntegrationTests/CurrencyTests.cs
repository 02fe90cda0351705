using Marketplace.Core.Disputes;
using Marketplace.Core.Escrow;
using Marketplace.Core.Exchange;
using Marketplace.Core.Orders;
using Marketplace.Core.Payments;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Domain.Escrow;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Payments;
using Marketplace.Domain.Sellers;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>
/// Cross-border money on PostgreSQL: the buyer pays in their currency, the order freezes the rate and both totals, everything
/// after is exact in the charged currency, and the seller is paid once, in theirs, at the frozen rate. Rates per euro used
/// here: USD 1.16, GBP 0.86, JPY 180.5.
/// </summary>
public sealed class CurrencyTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Changing_only_the_currency_on_an_older_page_keeps_the_ship_to_country_chosen_since()
    {
        var visitor = Factory.CreateBrowserLikeClient();
        var older = await visitor.GetDocumentAsync("/");
        var fields = older.QuerySelectorAll("form.country-picker input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
        fields["code"] = older.QuerySelector("#ship-to option[selected]")!.GetAttribute("value")!;
        fields["currency"] = "EUR";
        await visitor.SubmitFormAsync("/", "form.country-picker", new Dictionary<string, string> { ["code"] = "GB" });

        (await visitor.PostAsync("/Country", new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var after = await visitor.GetDocumentAsync("/");

        fields["code"].Should().NotBe("GB");
        after.QuerySelector("#ship-to option[selected]")!.GetAttribute("value").Should().Be("GB", "the older page only changed the currency");
        after.QuerySelector("#currency option[selected]")!.GetAttribute("value").Should().Be("EUR");
    }

    [Fact]
    public async Task A_buyer_in_Germany_pays_in_euros_for_a_British_pound_listing_and_the_seller_is_paid_in_pounds_at_the_frozen_rate()
    {
        await RatesAsync();
        var seller = await PayableSellerAsync("London Prints", "GB");
        seller.Currency.Should().Be("GBP", "a British store prices in pounds by default");
        var listing = await PoundPrintAsync(seller, await Catalog.CategoryAsync("Art"));
        var buyer = await Factory.SignInAsAsync("lena@test.local");
        await buyer.SubmitFormAsync("/", "form[action='/Country']", new Dictionary<string, string> { ["code"] = "DE" });

        var page = await buyer.GetDocumentAsync($"/Listing/{listing.Id}");
        page.Text("#price").Should().Be("≈ €46.51", "£40.00 at 1.1627906977 €/£, and approximate until checkout");
        page.Text("#seller-price").Should().Contain("Seller's price: £40.00");
        await buyer.AddToCartAsync(listing);
        var cart = await buyer.GetDocumentAsync("/Cart");
        cart.Text(".line-total").Should().Be("€46.51");
        await buyer.BuyAsync();

        await using (var db = Factory.CreateDbContext())
        {
            var order = await db.Orders.Include(o => o.Lines).SingleAsync(Ct);
            (order.Currency, order.Total, order.SellerCurrency, order.SellerTotal, order.ExchangeRate)
                .Should().Be(("EUR", new Money(5_232, "EUR"), "GBP", new Money(4_500, "GBP"), 1.1627906977m), "€46.51 + €5.81 shipping; £45.00 at the seller's prices");
            (await db.CheckoutPayments.SingleAsync(Ct)).Amount.Should().Be(new Money(5_232, "EUR"), "one charge, in the buyer's currency");
            await Factory.RunAsync<ShipOrder, Result<OrderStatus>>(a => a.ExecuteAsync(seller.Id, order.Id, "Royal Mail", "RM123", Ct));
            await Factory.RunAsync<ConfirmReceipt, Result<OrderStatus>>(a => a.ExecuteAsync(order.BuyerId, order.Id, Ct));
            var held = await (await Factory.SignInAsSellerAsync(seller)).GetDocumentAsync($"/Seller/Orders/{order.Id}");
            held.Text("#seller-receives").Should().Contain("You'll receive €48.13 after the €4.19 commission").And.Contain("Paid to you in your currency: £41.39, at the order's rate.");
        }

        Factory.Clock.Advance(TimeSpan.FromDays(15));
        (await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct))).Should().Be(1);
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));

        await using var after = Factory.CreateDbContext();
        var hold = await after.EscrowHolds.SingleAsync(Ct);
        (hold.Commission, hold.SellerShare, hold.Payout).Should().Be((new Money(419, "EUR"), new Money(4_813, "EUR"), new Money(4_139, "GBP")), "8% of €52.32; €48.13 at 0.86 £/€");
        var transfer = await after.ProviderCommands.SingleAsync(c => c.Kind == ProviderCommandKind.Transfer, Ct);
        (transfer.Amount, transfer.Status).Should().Be((new Money(4_139, "GBP"), ProviderCommandStatus.Succeeded));
        var postings = await after.LedgerTransactions.AsNoTracking().SelectMany(t => t.Postings).ToListAsync(Ct);
        postings.GroupBy(p => p.Currency).Should().AllSatisfy(c => c.Sum(p => p.Amount).Should().Be(0, $"the ledger balances in {c.Key}"));
        postings.Where(p => p.Account == Accounts.CurrencyExchange).Select(p => (p.Currency, p.Amount)).Should().BeEquivalentTo([("EUR", -4_813L), ("GBP", 4_139L)], "the platform took in euros and paid out pounds");
        postings.Where(p => p.Account == Accounts.SellerPayable(seller.Id)).GroupBy(p => p.Currency).Select(g => (g.Key, g.Sum(p => p.Amount)))
            .Should().BeEquivalentTo([("EUR", 0L), ("GBP", 0L)], "released, converted and paid out");
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();

        var payouts = await (await Factory.SignInAsSellerAsync(seller)).GetDocumentAsync("/Seller/Payouts");
        payouts.Text("#released-GBP").Should().Be("£41.39");
        payouts.Text("#paid-out-GBP").Should().Be("£41.39");
        payouts.QuerySelector("#released-EUR").Should().BeNull("the seller is paid in pounds: no euro balance to show");
        payouts.Text(".payout-share").Should().Contain("£41.39").And.Contain("€48.13");
        var orders = await (await Factory.SignInAsSellerAsync(seller)).GetDocumentAsync("/Seller/Orders");
        orders.Text(".seller-order-total").Should().Be("£45.00", "the seller sees the order at their own prices");
        orders.Text(".buyer-paid").Should().Be("(buyer paid €52.32)");
    }

    [Fact]
    public async Task A_partial_refund_to_a_buyer_in_Japan_is_exact_in_yen_and_the_seller_is_paid_the_rest_in_dollars()
    {
        await RatesAsync();
        var seller = await PayableSellerAsync("Trailhead", "US");
        var listing = await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Outdoors"), "Tent", configure: l =>
        {
            l.AddVariant("TENT", "2 person", new Money(10_000, "USD"), 5);
            l.AddShippingOption(null, ShippingMethod.Standard, "USPS", new Money(0, "USD"), 5, 12);
        });
        var buyer = await Factory.SignInAsAsync("haruto@test.local");
        await buyer.SubmitFormAsync("/", "form.country-picker", new Dictionary<string, string> { ["currency"] = "JPY" });
        await buyer.AddToCartAsync(listing);
        await buyer.BuyAsync();
        Guid orderId, buyerId;
        await using (var db = Factory.CreateDbContext())
        {
            var order = await db.Orders.SingleAsync(Ct);
            (order.Total, order.SellerTotal).Should().Be((new Money(15_560, "JPY"), new Money(10_000, "USD")), "$100.00 at 155.6034482759 ¥/$ = ¥15,560.34 → ¥15,560");
            (orderId, buyerId) = (order.Id, order.BuyerId);
            await Factory.RunAsync<ShipOrder, Result<OrderStatus>>(a => a.ExecuteAsync(seller.Id, order.Id, "USPS", "9400100000000000000000", Ct));
            await Factory.RunAsync<ConfirmReceipt, Result<OrderStatus>>(a => a.ExecuteAsync(order.BuyerId, order.Id, Ct));
            var held = await (await Factory.SignInAsSellerAsync(seller)).GetDocumentAsync($"/Seller/Orders/{order.Id}");
            held.Text("#seller-receives").Should().Be("You'll receive ¥14,315 after the ¥1,245 commission (8%). Paid to you in your currency: $92.00, at the order's rate.", "the seller sees the yen they earn and the dollars they will be paid");
        }

        var opened = await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.OpenAsync(buyerId, orderId, new OpenDisputeInput(DisputeIssue.NotAsDescribed, DisputeRemedy.PartialRefund, 3_333, "One pole is bent."), Ct));
        opened.Succeeded.Should().BeTrue(opened.Error?.Message);
        (await Factory.RunAsync<DisputeActions, Result<Dispute>>(a => a.AcceptAsync(DisputeParty.Seller(seller.Id), opened.Value!.Id, Ct))).Succeeded.Should().BeTrue();
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));

        await using var after = Factory.CreateDbContext();
        var commands = await after.ProviderCommands.OrderBy(c => c.Kind).Select(c => new { c.Kind, c.Amount }).ToListAsync(Ct);
        commands.Select(c => (c.Kind, c.Amount)).Should().BeEquivalentTo(
            [(ProviderCommandKind.Refund, new Money(3_333, "JPY")), (ProviderCommandKind.Transfer, new Money(7_229, "USD"))],
            "¥3,333 back exactly; ¥12,227 kept, ¥978 commission, ¥11,249 at 0.0064265928 $/¥ = $72.29");
        (await after.EscrowHolds.SingleAsync(Ct)).Status.Should().Be(HoldStatus.PartiallyRefunded);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refund_after_release_takes_the_pounds_back_at_the_same_rate_and_leaves_no_balance_in_either_currency(bool payoutSent)
    {
        await RatesAsync();
        var seller = await PayableSellerAsync("London Prints", "GB");
        var listing = await PoundPrintAsync(seller, await Catalog.CategoryAsync("Art"));
        var buyer = await Factory.SignInAsAsync("lena@test.local");
        await buyer.SubmitFormAsync("/", "form.country-picker", new Dictionary<string, string> { ["currency"] = "EUR" });
        await buyer.AddToCartAsync(listing);
        await buyer.BuyAsync();
        Order order;
        await using (var db = Factory.CreateDbContext())
        {
            order = await db.Orders.SingleAsync(Ct);
        }

        await Factory.RunAsync<ShipOrder, Result<OrderStatus>>(a => a.ExecuteAsync(seller.Id, order.Id, "Royal Mail", "RM123", Ct));
        await Factory.RunAsync<ConfirmReceipt, Result<OrderStatus>>(a => a.ExecuteAsync(order.BuyerId, order.Id, Ct));
        Factory.Clock.Advance(TimeSpan.FromDays(15));
        await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
        if (payoutSent)
        {
            await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));
        }

        var refunded = await Factory.RunAsync<RefundAfterRelease, Result<OrderStatus>>(a => a.ExecuteAsync(Guid.NewGuid(), order.Id, "Counterfeit, confirmed by the rights holder.", Ct));
        await Factory.RunAsync<SendProviderCommands, int>(a => a.ExecuteAsync(Ct));

        refunded.Succeeded.Should().BeTrue(refunded.Error?.Message);
        await using var after = Factory.CreateDbContext();
        var commands = await after.ProviderCommands.Select(c => new { c.Kind, c.Amount, c.Status }).ToListAsync(Ct);
        commands.Should().ContainEquivalentOf(new { Kind = ProviderCommandKind.Refund, Amount = new Money(5_232, "EUR"), Status = ProviderCommandStatus.Succeeded }, "the buyer gets every euro back");
        if (payoutSent)
        {
            commands.Should().ContainEquivalentOf(new { Kind = ProviderCommandKind.ReverseTransfer, Amount = new Money(4_139, "GBP"), Status = ProviderCommandStatus.Succeeded }, "the pounds paid come back, not a re-converted amount");
        }
        else
        {
            commands.Should().ContainEquivalentOf(new { Kind = ProviderCommandKind.Transfer, Amount = new Money(4_139, "GBP"), Status = ProviderCommandStatus.Cancelled });
        }

        var postings = await after.LedgerTransactions.AsNoTracking().SelectMany(t => t.Postings).ToListAsync(Ct);
        postings.GroupBy(p => p.Currency).Should().AllSatisfy(c => c.Sum(p => p.Amount).Should().Be(0, $"the ledger balances in {c.Key}"));
        postings.Where(p => p.Account == Accounts.SellerReceivable(seller.Id) || p.Account == Accounts.SellerPayable(seller.Id))
            .GroupBy(p => (p.Account, p.Currency)).Should().AllSatisfy(g => g.Sum(p => p.Amount).Should().Be(0, $"nothing is left owed on {g.Key}"));
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task With_stale_rates_prices_are_shown_as_the_seller_set_them_and_the_checkout_charges_the_sellers_currency()
    {
        await RatesAsync(age: TimeSpan.FromDays(5));
        var seller = await PayableSellerAsync("London Prints", "GB");
        var listing = await PoundPrintAsync(seller, await Catalog.CategoryAsync("Art"));
        var buyer = await Factory.SignInAsAsync("lena@test.local");
        await buyer.SubmitFormAsync("/", "form.country-picker", new Dictionary<string, string> { ["currency"] = "EUR" });

        var page = await buyer.GetDocumentAsync($"/Listing/{listing.Id}");
        await buyer.AddToCartAsync(listing);
        await buyer.BuyAsync();

        page.Text("#price").Should().Be("£40.00", "five-day-old rates are shown to nobody as current");
        page.QuerySelector("#seller-price").Should().BeNull();
        await using var db = Factory.CreateDbContext();
        (await db.Orders.SingleAsync(Ct)).Total.Should().Be(new Money(4_500, "GBP"));
    }

    [Fact]
    public async Task The_job_imports_a_newer_file_from_the_configured_source_keeps_the_set_when_the_source_fails_or_is_older_and_waits_before_asking_again()
    {
        using var source = new StaticHttpServer();
        var url = source.Url("/eurofxref-daily.xml");
        await using var app = new MarketplaceAppFactory(await TestDatabase.CreateMigratedAsync(), settings: new Dictionary<string, string?> { ["ExchangeRates:SourceUrl"] = url });
        var today = app.Clock.GetUtcNow();
        source.Serve("/eurofxref-daily.xml", EcbFile(today, FullSet(usd: "1.2000")));

        (await app.RunAsync<RefreshExchangeRates, int>(j => j.ExecuteAsync(Ct))).Should().Be(1);
        var first = await app.RunAsync<ExchangeRatesStore, RatesInForce>(s => s.CurrentAsync(Ct));

        first.Table.PerEuro.Should().HaveCount(8).And.Contain("USD", 1.2m);
        (first.Table.Source, first.Usable, first.Demo).Should().Be((url, true, false));

        // Six hours later the source answers 500: the set in force stays, and the source isn't asked again for 15 minutes.
        source.Serve("/eurofxref-daily.xml", "oops", status: 500);
        app.Clock.Advance(TimeSpan.FromHours(6));
        (await app.RunAsync<RefreshExchangeRates, int>(j => j.ExecuteAsync(Ct))).Should().Be(0);
        var asked = source.Requests;
        app.Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        (await app.RunAsync<RefreshExchangeRates, int>(j => j.ExecuteAsync(Ct))).Should().Be(0);
        source.Requests.Should().Be(asked, "a failed source is not asked on every tick");

        // Then it serves an older day: refused, the newer set stays.
        source.Serve("/eurofxref-daily.xml", EcbFile(today.AddDays(-3), FullSet(usd: "1.1000")));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        (await app.RunAsync<RefreshExchangeRates, int>(j => j.ExecuteAsync(Ct))).Should().Be(0);
        source.Requests.Should().Be(asked + 1);
        (await app.RunAsync<ExchangeRatesStore, RatesInForce>(s => s.CurrentAsync(Ct))).Table.PerEuro["USD"].Should().Be(1.2m);
    }

    [Fact]
    public async Task With_no_source_the_shipped_demo_rates_are_used_and_labelled_as_such()
    {
        await using var app = new MarketplaceAppFactory(await TestDatabase.CreateMigratedAsync());

        (await app.RunAsync<RefreshExchangeRates, int>(j => j.ExecuteAsync(Ct))).Should().Be(1);
        (await app.RunAsync<RefreshExchangeRates, int>(j => j.ExecuteAsync(Ct))).Should().Be(0, "imported once");
        var rates = await app.RunAsync<ExchangeRatesStore, RatesInForce>(s => s.CurrentAsync(Ct));

        (rates.Demo, rates.Usable, rates.Table.Source).Should().Be((true, true, "Shipped demo rates"));
        rates.Table.PerEuro.Keys.Should().Contain(["USD", "GBP", "JPY", "CNY", "BRL", "AUD", "CAD", "CHF"]);
    }

    [Fact]
    public async Task An_admin_sees_stale_rates_on_the_admin_home_uploads_a_newer_file_and_a_bad_one_is_explained_and_changes_nothing()
    {
        await RatesAsync(age: TimeSpan.FromDays(5));
        var admin = await Factory.SignInAsAdminAsync();
        var home = await admin.GetDocumentAsync("/Admin");
        home.Text("#rates-stale").Should().Contain("stale");

        var bad = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Rates", "#rates-upload", new Dictionary<string, string>(), new UploadFile("file", "rates.xml", "text/xml", "<html>not rates</html>"u8.ToArray())));
        bad.Text("#rates-problem").Should().Contain("no dated set of rates");
        bad.Text("#rates-state").Should().StartWith("Stale");

        var today = Factory.Clock.GetUtcNow();
        var partial = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Rates", "#rates-upload", new Dictionary<string, string>(), new UploadFile("file", "rates.xml", "text/xml", System.Text.Encoding.UTF8.GetBytes(EcbFile(today, ("USD", "1.1700"))))));
        partial.Text("#rates-problem").Should().Be("The set has no rate for GBP, which the marketplace trades in. Nothing changed.");
        var decimalSlip = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Rates", "#rates-upload", new Dictionary<string, string>(), new UploadFile("file", "rates.xml", "text/xml", System.Text.Encoding.UTF8.GetBytes(EcbFile(today, FullSet(usd: "1.1700", jpy: "1.8050"))))));
        decimalSlip.Text("#rates-problem").Should().Be("JPY moved 99% from the set in force (180.5 → 1.805 per euro). Nothing changed.");
        var page = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Rates", "#rates-upload", new Dictionary<string, string>(), new UploadFile("file", "eurofxref-daily.xml", "text/xml", System.Text.Encoding.UTF8.GetBytes(EcbFile(today, FullSet(usd: "1.1700"))))));

        page.Text("#rates-notice").Should().Be("Rates imported: they are in force now.");
        page.Text("#rates-state").Should().StartWith("Current");
        page.Text("#rates-source").Should().Be("Uploaded by an admin");
        (await admin.GetDocumentAsync("/Admin")).QuerySelector("#rates-stale").Should().BeNull();
        await using var db = Factory.CreateDbContext();
        (await db.AdminActions.CountAsync(a => a.Action == Domain.Trust.AdminActions.UploadExchangeRates, Ct)).Should().Be(1, "an upload is audited");
    }

    [Fact]
    public async Task A_cart_from_a_euro_and_a_pound_store_with_stale_rates_explains_itself_and_charges_nothing()
    {
        await RatesAsync(age: TimeSpan.FromDays(5));
        var category = await Catalog.CategoryAsync("Art");
        var london = await PoundPrintAsync(await PayableSellerAsync("London Prints", "GB"), category);
        var porto = await Catalog.ListingAsync(await PayableSellerAsync("Porto Ceramics", "PT"), category, "Mug", currency: "EUR", configure: l =>
        {
            l.AddVariant("MUG", "Sand", new Money(1_800, "EUR"), 5);
            l.AddShippingOption(null, ShippingMethod.Standard, "CTT", new Money(0, "EUR"), 3, 8);
        });
        var buyer = await Factory.SignInAsAsync("lena@test.local");
        await buyer.AddToCartAsync(london);
        await buyer.AddToCartAsync(porto);

        var cart = await buyer.GetDocumentAsync("/Cart");
        var checkout = await buyer.GetDocumentAsync("/Checkout");
        var placed = await Html.ParseAsync(await buyer.CheckoutAsync());

        cart.Text("#items-total").Should().Be("£40.00 + €18.00", "one sum per currency (stores in name order)");
        cart.Text("#checkout-blocked").Should().Contain("Check out one store's items at a time");
        checkout.QuerySelector("#place-order")!.HasAttribute("disabled").Should().BeTrue();
        checkout.Text("#currency-problem").Should().Contain("different currencies");
        placed.Text("#checkout-errors").Should().Contain("different currencies");
        await using var db = Factory.CreateDbContext();
        (await db.Orders.CountAsync(Ct), await db.CheckoutPayments.CountAsync(Ct)).Should().Be((0, 0));
    }

    [Fact]
    public async Task A_link_can_show_sellers_prices_but_cannot_change_the_currency_a_checkout_charges()
    {
        await RatesAsync();
        var buyer = Factory.CreateBrowserLikeClient();

        await buyer.GetAsync("/Currency?code=BRL&returnUrl=/Checkout", Ct);
        var after = await buyer.GetDocumentAsync("/");
        await buyer.GetAsync("/Currency?code=seller", Ct);
        var sellers = await buyer.GetDocumentAsync("/");

        after.QuerySelector("#currency option[selected]")!.GetAttribute("value").Should().Be("USD", "a link from elsewhere changes nothing");
        sellers.QuerySelector("#currency option[selected]")!.GetAttribute("value").Should().Be("seller");
    }

    private Task RatesAsync(TimeSpan? age = null) => Factory.ImportTestRatesAsync(age);

    /// <summary>A £40.00 screen print with £5.00 shipping anywhere, priced in pounds.</summary>
    private Task<Listing> PoundPrintAsync(Seller seller, Category category) =>
        Catalog.ListingAsync(seller, category, "Screen print", currency: "GBP", configure: l =>
        {
            l.AddVariant("PRINT", "A3", new Money(4_000, "GBP"), 5);
            l.AddShippingOption(null, ShippingMethod.Standard, "Royal Mail", new Money(500, "GBP"), 3, 8);
        });

    private async Task<Seller> PayableSellerAsync(string name, string country)
    {
        var seller = await Catalog.SellerAsync(name, country);
        await using var db = Factory.CreateDbContext();
        var stored = await db.Sellers.SingleAsync(s => s.Id == seller.Id, Ct);
        stored.ConnectPayoutAccount($"sim_acct_{seller.Id:N}");
        stored.EnablePayouts($"sim_acct_{seller.Id:N}");
        await db.SaveChangesAsync(Ct);
        return stored;
    }

    /// <summary>Every enabled currency near the rates of <see cref="RatesAsync"/>, with US dollars at <paramref name="usd"/>.</summary>
    private static (string Currency, string Rate)[] FullSet(string usd, string jpy = "180.50") =>
        [("USD", usd), ("GBP", "0.8600"), ("JPY", jpy), ("CNY", "8.2300"), ("BRL", "6.1800"), ("AUD", "1.7800"), ("CAD", "1.6300"), ("CHF", "0.9320")];

    private static string EcbFile(DateTimeOffset day, params (string Currency, string Rate)[] rates) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
          <Cube><Cube time='{day:yyyy-MM-dd}'>{string.Concat(rates.Select(r => $"<Cube currency='{r.Currency}' rate='{r.Rate}'/>"))}</Cube></Cube>
        </gesmes:Envelope>
        """;
}
