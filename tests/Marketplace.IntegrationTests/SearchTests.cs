using Marketplace.Core.Catalog;
using Marketplace.Core.Data;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.IntegrationTests;

/// <summary>PostgreSQL full-text search, filters, sorts, facets and pages, through the real pages.</summary>
public sealed class SearchTests(PostgresApp app) : AppTest(app)
{
    [Fact]
    public async Task A_title_match_ranks_above_a_spec_match_above_a_description_match()
    {
        var category = await Catalog.CategoryAsync("Home");
        var seller = await Catalog.SellerAsync("Shop", "FR");
        var now = Factory.Clock.GetUtcNow();
        await Catalog.ListingAsync(seller, category, "Plain cup", "Pairs well with a walnut tray.", publishedAt: now.AddMinutes(-1));
        await Catalog.ListingAsync(seller, category, "Serving board", configure: Offer(spec: ("Material", "Walnut wood")), publishedAt: now.AddMinutes(-2));
        await Catalog.ListingAsync(seller, category, "Walnut salad bowl", publishedAt: now.AddMinutes(-3));

        var page = await Factory.CreateClient().GetDocumentAsync("/Search?q=walnut");

        page.Texts(".listing-card .card-title").Should().Equal("Walnut salad bowl", "Serving board", "Plain cup");
    }

    [Fact]
    public async Task Search_stems_words_and_treats_the_last_word_as_a_prefix_while_typing()
    {
        var category = await Catalog.CategoryAsync("Home");
        var seller = await Catalog.SellerAsync("Shop", "FR");
        await Catalog.ListingAsync(seller, category, "Stoneware mug");
        await Catalog.ListingAsync(seller, category, "Running shoes");
        var client = Factory.CreateClient();

        (await client.GetDocumentAsync("/Search?q=mugs")).Texts(".listing-card .card-title").Should().Equal("Stoneware mug");
        (await client.GetDocumentAsync("/Search?q=stonew")).Texts(".listing-card .card-title").Should().Equal("Stoneware mug");
        (await client.GetDocumentAsync("/Search?q=run")).Texts(".listing-card .card-title").Should().Equal("Running shoes");
        (await client.GetDocumentAsync("/Search?q=mug+shoes")).Text("#result-count").Should().Be("0 listings");
        (await client.GetDocumentAsync("/Search?q=%27%3B+drop+table+%22Listings%22%3B--")).Text("#result-count").Should().Be("0 listings");
    }

    [Fact]
    public async Task Filters_combine_and_facets_count_what_the_other_filters_leave()
    {
        var home = await Catalog.CategoryAsync("Home");
        var kitchen = await Catalog.CategoryAsync("Kitchen", home);
        var toys = await Catalog.CategoryAsync("Toys");
        var seller = await Catalog.SellerAsync("Shop", "DE");
        await Catalog.ListingAsync(seller, home, "Wool blanket", configure: Offer(price: 6000, toUs: 0));
        await Catalog.ListingAsync(seller, kitchen, "Wool pot holder", configure: Offer(price: 1500, toUs: 0));
        await Catalog.ListingAsync(seller, kitchen, "Wool tea cosy", configure: Offer(price: 2500, toUs: 900));
        await Catalog.ListingAsync(seller, kitchen, "Wool oven mitt", configure: Offer(price: 2000, toUs: null));
        await Catalog.ListingAsync(seller, toys, "Wool teddy", configure: Offer(price: 3000, toUs: 0));
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "ship_to=US");

        var all = await client.GetDocumentAsync("/Search?q=wool");
        var narrowed = await client.GetDocumentAsync("/Search?q=wool&category=home&min=10&max=30&ships=true&sort=PriceHighToLow");
        var free = await client.GetDocumentAsync("/Search?q=wool&category=home&free=true&sort=PriceLowToHigh");

        all.Texts("#category-facets li").Should().Equal("Home (4)", "Toys (1)");
        narrowed.Texts(".listing-card .card-title").Should().Equal("Wool tea cosy", "Wool pot holder");
        free.Texts(".listing-card .card-title").Should().Equal("Wool pot holder", "Wool blanket");
        free.Texts("#category-facets li").Should().Contain("Toys (1)", "facets ignore the category filter so buyers can switch");
    }

    [Fact]
    public async Task Results_come_in_pages_of_24_newest_first_when_browsing()
    {
        var category = await Catalog.CategoryAsync("Books");
        var seller = await Catalog.SellerAsync("Shop", "JP");
        var now = Factory.Clock.GetUtcNow();
        for (var i = 1; i <= 30; i++)
        {
            await Catalog.ListingAsync(seller, category, $"Notebook {i:00}", publishedAt: now.AddMinutes(-i));
        }

        var client = Factory.CreateClient();
        var first = await client.GetDocumentAsync("/Category/books");
        var second = await client.GetDocumentAsync("/Category/books?page=2");
        var cheapest = await client.GetDocumentAsync("/Search?q=notebook&sort=Newest&page=2");

        first.Text("#result-count").Should().Be("30 listings");
        first.Texts(".listing-card .card-title").Should().HaveCount(24).And.StartWith("Notebook 01");
        second.Texts(".listing-card .card-title").Should().Equal("Notebook 25", "Notebook 26", "Notebook 27", "Notebook 28", "Notebook 29", "Notebook 30");
        cheapest.Texts(".listing-card .card-title").Should().HaveCount(6);
    }

    [Fact]
    public async Task A_broad_search_counts_up_to_a_thousand_and_lists_the_newest_matches()
    {
        var home = await Catalog.CategoryAsync("Home");
        var toys = await Catalog.CategoryAsync("Toys");
        var seller = await Catalog.SellerAsync("Shop", "FR");
        await Catalog.ManyListingsAsync(seller, home, 1_005, i => $"Wooden spoon {i:0000}");
        await Catalog.ListingAsync(seller, toys, "Wooden train", publishedAt: Factory.Clock.GetUtcNow().AddDays(-30));
        var client = Factory.CreateClient();

        var broad = await client.GetDocumentAsync("/Search?q=wooden");
        var narrowed = await client.GetDocumentAsync("/Search?q=wooden&category=toys");

        broad.Text("#result-count").Should().Be("1,000+ listings");
        broad.Texts(".listing-card .card-title").Should().HaveCount(24).And.StartWith("Wooden spoon 0000");
        broad.Texts("#category-facets li").Should().BeEquivalentTo("Home", "Toys");
        narrowed.Text("#result-count").Should().Be("1 listing");
        narrowed.Texts(".listing-card .card-title").Should().Equal("Wooden train");
    }

    [Fact]
    public async Task A_search_PostgreSQL_expects_to_be_broad_is_not_counted_and_a_stale_estimate_still_ends_in_the_exact_total()
    {
        var ct = TestContext.Current.CancellationToken;
        var home = await Catalog.CategoryAsync("Home");
        var seller = await Catalog.SellerAsync("Shop", "FR");
        await Catalog.ManyListingsAsync(seller, home, 4_000, i => $"Copper kettle {i:0000}");
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var search = scope.ServiceProvider.GetRequiredService<ITextSearch>();
        await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Listings" SET (autovacuum_enabled = false); ANALYZE "Listings";""", ct);
        var client = Factory.CreateClient();

        var estimateCommon = await search.EstimateMatchesAsync(db.Listings, "kettle", ct);
        var estimateNoHit = await search.EstimateMatchesAsync(db.Listings, "zyxwvutq", ct);
        var broad = await client.GetDocumentAsync("/Search?q=kettle");
        // Archive all but ten behind the statistics' back: the planner still expects 4,000 matches.
        await db.Database.ExecuteSqlRawAsync("""UPDATE "Listings" SET "Status" = 'Archived' WHERE "Title" > 'Copper kettle 0009'""", ct);
        await Factory.ForgetCachedPagesAsync(); // plain SQL, which the page cache doesn't hear of (an archive through the app evicts it)
        var stale = await client.GetDocumentAsync("/Search?q=kettle");

        estimateCommon.Should().BeGreaterThanOrEqualTo(CatalogQueries.BroadEstimate);
        estimateNoHit.Should().BeLessThan(100);
        broad.Text("#result-count").Should().Be("1,000+ listings");
        broad.Texts(".listing-card .card-title").Should().HaveCount(24).And.StartWith("Copper kettle 0000");
        stale.Text("#result-count").Should().Be("10 listings");
        stale.Texts(".listing-card .card-title").Should().HaveCount(10).And.StartWith("Copper kettle 0000").And.EndWith("Copper kettle 0009");
    }

    [Fact]
    public async Task Plurals_and_word_forms_match_on_postgresql_as_on_the_embedded_default()
    {
        var seller = await Catalog.SellerAsync("Lisbon Light", "PT");
        await Catalog.ListingAsync(seller, await Catalog.CategoryAsync("Home"), "Brass lamp", "Two batteries included.");
        var client = Factory.CreateClient();

        (await client.GetDocumentAsync("/Search?q=lamps")).Texts(".listing-card .card-title").Should().Equal("Brass lamp");
        (await client.GetDocumentAsync("/Search?q=battery")).Texts(".listing-card .card-title").Should().Equal("Brass lamp");
        (await client.GetDocumentAsync("/Search?q=bra")).Texts(".listing-card .card-title").Should().Equal("Brass lamp");
        var twice = await client.GetDocumentAsync("/Search?q=lamps&q=cable");
        var box = twice.QuerySelector("#site-search")!.GetAttribute("value");
        box.Should().BeOneOf("lamps", "cable");
        twice.Text("h1").Should().Be($"Results for “{box}”", "a key given twice is read once, the same way by the heading and the search box");
    }

    [Fact]
    public async Task On_postgresql_one_instance_at_a_time_refreshes_the_suggested_words_and_another_meanwhile_skips()
    {
        var ct = TestContext.Current.CancellationToken;
        await Catalog.ListingAsync(await Catalog.SellerAsync("Shop", "FR"), await Catalog.CategoryAsync("Home"), "Stoneware mug");
        await using var otherInstance = new Npgsql.NpgsqlConnection(Factory.Database!.ConnectionString);
        await otherInstance.OpenAsync(ct);
        var refreshing = await otherInstance.BeginTransactionAsync(ct);
        await using (var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_xact_lock({Marketplace.Data.Postgres.PostgresTextSearch.TermsRefreshLock})", otherInstance, refreshing))
        {
            await take.ExecuteScalarAsync(ct);
        }

        await using var scope = Factory.Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<ITextSearch>();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var whileTheOtherRefreshes = await search.RefreshTermsAsync(db, ct);
        var suggestedMeanwhile = await Factory.CreateClient().GetDocumentAsync("/Search?q=stonewear");
        await refreshing.CommitAsync(ct);
        var afterwards = await search.RefreshTermsAsync(db, ct);
        var suggestedAfter = await Factory.CreateClient().GetDocumentAsync("/Search?q=stonewear&sort=Newest");

        whileTheOtherRefreshes.Should().BeFalse("the other instance's refresh is enough for all");
        suggestedMeanwhile.QuerySelector("#did-you-mean").Should().BeNull("nothing was refreshed here");
        afterwards.Should().BeTrue();
        suggestedAfter.Text("#did-you-mean").Should().Be("Did you mean stoneware?");
    }

    [Fact]
    public async Task On_postgresql_a_misspelt_search_that_finds_nothing_offers_the_words_the_titles_use()
    {
        var category = await Catalog.CategoryAsync("Home");
        var seller = await Catalog.SellerAsync("Shop", "FR");
        await Catalog.ListingAsync(seller, category, "Stoneware mug");
        await Catalog.ListingAsync(seller, category, "Walnut salad bowl");
        await Catalog.ListingAsync(seller, category, "Velvet cushion", publish: false);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            (await scope.ServiceProvider.GetRequiredService<RefreshSearchTerms>().WhenDueAsync(db, TestContext.Current.CancellationToken)).Should().Be(1);
        }

        var client = Factory.CreateClient();
        var typo = await client.GetDocumentAsync("/Search?q=stonewear+mgu");
        var wrongFirstLetter = await client.GetDocumentAsync("/Search?q=qalnut+bowl");

        typo.Text("#did-you-mean").Should().Be("Did you mean stoneware mug?");
        wrongFirstLetter.Text("#did-you-mean").Should().Be("Did you mean walnut bowl?", "pg_trgm finds words whose first letter was mistyped");
        var followed = await client.GetDocumentAsync(typo.QuerySelector("#did-you-mean a")!.GetAttribute("href")!);
        followed.Texts(".listing-card .card-title").Should().Equal("Stoneware mug");
        (await client.GetDocumentAsync("/Search?q=velvt")).QuerySelector("#did-you-mean").Should().BeNull("an unpublished listing's words are not offered");
        (await client.GetDocumentAsync("/Search?q=qwxzv")).QuerySelector("#did-you-mean").Should().BeNull("nothing is close");
    }

    [Fact]
    public async Task A_search_of_only_symbols_or_emoji_finds_nothing_instead_of_everything()
    {
        var category = await Catalog.CategoryAsync("Books");
        await Catalog.ListingAsync(await Catalog.SellerAsync("Shop", "JP"), category, "Notebook");
        var client = Factory.CreateClient();

        var fox = await client.GetDocumentAsync("/Search?q=" + Uri.EscapeDataString("🦊"));
        var symbols = await client.GetDocumentAsync("/Search?q=" + Uri.EscapeDataString("(\"*\")") + "&category=books");
        var everything = await client.GetDocumentAsync("/Search?q=");

        fox.QuerySelectorAll(".listing-card").Should().BeEmpty();
        fox.Text("#no-results").Should().Contain("Nothing matches “🦊”.");
        symbols.QuerySelectorAll(".listing-card").Should().BeEmpty();
        everything.Texts(".listing-card .card-title").Should().Equal("Notebook");
    }

    [Fact]
    public async Task A_bad_price_filter_is_explained_and_ignored()
    {
        var category = await Catalog.CategoryAsync("Books");
        await Catalog.ListingAsync(await Catalog.SellerAsync("Shop", "JP"), category, "Notebook");

        var page = await Factory.CreateClient().GetDocumentAsync("/Search?min=cheap");

        page.ErrorFor("min").Should().Be("Enter a price like 25 or 19.99.");
        page.Texts(".listing-card .card-title").Should().Equal("Notebook");
    }

    /// <summary>One variant at <paramref name="price"/>; to the US at <paramref name="toUs"/> (null: not to the US); 5.00 elsewhere.</summary>
    private static Action<Listing> Offer(long price = 1000, long? toUs = 500, (string Key, string Value)? spec = null) => listing =>
    {
        if (spec is { } s)
        {
            listing.AddSpec(s.Key, s.Value);
        }

        listing.AddVariant("SKU-" + Guid.NewGuid().ToString("N")[..8], "One", new Money(price, "USD"), 5);
        if (toUs is { } us)
        {
            listing.AddShippingOption("US", ShippingMethod.Standard, "USPS", new Money(us, "USD"), 5, 9);
            listing.AddShippingOption(null, ShippingMethod.Standard, "Post", new Money(500, "USD"), 5, 9);
        }
        else
        {
            listing.AddShippingOption("DE", ShippingMethod.Standard, "DHL", new Money(0, "USD"), 1, 3);
        }
    };
}
