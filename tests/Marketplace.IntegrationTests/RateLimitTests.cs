using System.Net;
using Marketplace.Testing;
using Marketplace.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Marketplace.IntegrationTests;

/// <summary>
/// Rate limits as an attacker meets them: the app on Kestrel behind this machine (a trusted proxy), each client with its
/// own X-Forwarded-For address, the windows on a fake clock, the counts in PostgreSQL shared by two instances.
/// </summary>
[Trait("Suite", "Security")]
public sealed class RateLimitTests : IAsyncLifetime
{
    /// <summary>Noon: the start of a 15-minute window and of an hour's.</summary>
    private static readonly DateTimeOffset WindowStart = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(WindowStart);
    private TestDatabase _database = null!;
    private MarketplaceAppFactory _first = null!;
    private MarketplaceAppFactory _second = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        _first = Instance();
        _second = Instance();
    }

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Five_wrong_passwords_from_one_address_throttle_that_address_only_and_never_lock_the_owner_out()
    {
        await _first.CreateUserAsync("victim@test.local");
        var attacker = Client(_first, "203.0.113.7");

        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            wrong.Add((await attacker.LogInAsync("victim@test.local", "Wrong-Pass-999")).StatusCode);
        }

        var sixth = await attacker.LogInAsync("victim@test.local", "Wrong-Pass-999");
        var owner = await Client(_first, "198.51.100.20").LogInAsync("victim@test.local");

        wrong.Should().AllBeEquivalentTo(HttpStatusCode.OK);
        sixth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        sixth.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromMinutes(15));
        (await Html.ParseAsync(sixth)).Text("main").Should().Contain("Too many attempts").And.Contain("Please wait 15 minutes and try again.");
        owner.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/", "the owner, elsewhere, signs in");
    }

    [Theory]
    [InlineData(-1, HttpStatusCode.TooManyRequests)]
    [InlineData(0, HttpStatusCode.OK)]
    [InlineData(1, HttpStatusCode.OK)]
    public async Task A_throttled_address_may_try_again_when_the_15_minute_window_ends(int secondsFromTheEnd, HttpStatusCode expected)
    {
        await _first.CreateUserAsync("pat@test.local");
        var client = Client(_first, "203.0.113.8");
        for (var i = 0; i < 6; i++)
        {
            await client.LogInAsync("pat@test.local", "Wrong-Pass-999");
        }

        _clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(secondsFromTheEnd));
        var next = await client.LogInAsync("pat@test.local");

        next.StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task One_address_trying_many_accounts_is_stopped_after_twenty_tries()
    {
        var stuffer = Client(_first, "203.0.113.9");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            answers.Add((await stuffer.LogInAsync($"someone{i}@test.local", "Summer2026!")).StatusCode);
        }

        answers.Take(20).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        answers[20].Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task One_address_gets_120_search_pages_a_minute_that_no_cached_copy_serves_and_cached_copies_go_on()
    {
        var catalog = new CatalogBuilder(_first);
        var home = await catalog.CategoryAsync("Home");
        await catalog.ListingAsync(await catalog.SellerAsync("Shop", "FR"), home, "Stoneware mug");
        var scraper = Client(_first, "203.0.113.30");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 120; i++)
        {
            answers.Add((await scraper.GetAsync($"/Search?q=mug{i}", Ct)).StatusCode);
        }

        var refused = await scraper.GetAsync("/Search?q=mug120", Ct);
        var category = await scraper.GetAsync("/Category/home?sort=Newest", Ct);
        var cachedCopy = await scraper.GetAsync("/Search?q=mug0", Ct);
        var someoneElse = await Client(_first, "198.51.100.30").GetAsync("/Search?q=mug120", Ct);

        answers.Should().AllBeEquivalentTo(HttpStatusCode.OK);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromMinutes(1));
        (await Html.ParseAsync(refused)).Text("main").Should().Contain("Please wait 1 minute and try again.");
        category.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "category pages are searches too");
        cachedCopy.StatusCode.Should().Be(HttpStatusCode.OK, "a copy the page cache keeps costs no search");
        someoneElse.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(-1, HttpStatusCode.TooManyRequests)]
    [InlineData(0, HttpStatusCode.OK)]
    [InlineData(1, HttpStatusCode.OK)]
    public async Task A_limited_searcher_may_search_again_when_the_minute_ends(int secondsFromTheEnd, HttpStatusCode expected)
    {
        var scraper = Client(_first, "203.0.113.31");
        for (var i = 0; i <= 120; i++)
        {
            await scraper.GetAsync($"/Search?q=bowl{i}", Ct);
        }

        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(secondsFromTheEnd));
        var next = await scraper.GetAsync("/Search?q=vase", Ct);

        next.StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task Two_instances_count_the_same_attempts()
    {
        await _first.CreateUserAsync("shared@test.local");
        var viaFirst = Client(_first, "203.0.113.10");
        var viaSecond = Client(_second, "203.0.113.10");

        for (var i = 0; i < 3; i++)
        {
            await viaFirst.LogInAsync("shared@test.local", "Wrong-Pass-999");
        }

        var fourthAndFifth = new[] { await viaSecond.LogInAsync("shared@test.local", "Wrong-Pass-999"), await viaSecond.LogInAsync("shared@test.local", "Wrong-Pass-999") };
        var sixth = await viaFirst.LogInAsync("shared@test.local", "Wrong-Pass-999");

        fourthAndFifth.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        sixth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_victim_gets_at_most_three_account_mails_an_hour_however_many_addresses_ask()
    {
        await _first.CreateUserAsync("inbox@test.local");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await Client(i % 2 == 0 ? _first : _second, $"203.0.113.{20 + i}")
                .SubmitFormAsync("/Identity/Account/ForgotPassword", "#forgot-form", new Dictionary<string, string> { ["Email"] = "inbox@test.local" });
            answers.Add(response.StatusCode);
        }

        answers.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests);
        await using var db = _database.CreateContext();
        (await db.EmailMessages.CountAsync(m => m.To == "inbox@test.local", Ct)).Should().Be(3);
    }

    [Fact]
    public async Task Questions_to_sellers_are_limited_per_account_and_other_buttons_on_the_page_are_not()
    {
        var catalog = new CatalogBuilder(_first);
        var seller = await catalog.SellerAsync("Chatty shop", "FR");
        var listing = await catalog.ListingAsync(seller, await catalog.CategoryAsync("Toys"), "Spinning top");
        await _first.CreateUserAsync("asker@test.local");
        var buyer = Client(_first, "203.0.113.30");
        await buyer.LogInAsync("asker@test.local");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            answers.Add((await buyer.SubmitFormAsync($"/Listing/{listing.Id}", "#ask-form", new Dictionary<string, string> { ["body"] = $"Is it still available? ({i})" })).StatusCode);
        }

        var addToCart = await buyer.SubmitFormAsync($"/Listing/{listing.Id}", "#add-to-cart", new Dictionary<string, string>());

        answers.Take(30).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        answers[30].Should().Be(HttpStatusCode.TooManyRequests);
        addToCart.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Repeating_the_address_field_or_the_handler_makes_no_fresh_count_and_a_long_address_is_no_error()
    {
        await _first.CreateUserAsync("twice@test.local");
        var attacker = Client(_first, "203.0.113.40");
        var logins = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            logins.Add((await RawPostAsync(attacker, "/Identity/Account/Login", [new("Input.Email", "twice@test.local"), new("Input.Email", $"noise{i}@test.local"), new("Input.Password", "Wrong-Pass-999")])).StatusCode);
        }

        var catalog = new CatalogBuilder(_first);
        var listing = await catalog.ListingAsync(await catalog.SellerAsync("Quiet shop", "FR"), await catalog.CategoryAsync("Toys"), "Yo-yo");
        await _first.CreateUserAsync("chatty@test.local");
        var buyer = Client(_first, "203.0.113.41");
        await buyer.LogInAsync("chatty@test.local");
        var questions = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            questions.Add((await RawPostAsync(buyer, $"/Listing/{listing.Id}?handler=Ask&handler=AddToCart", [new("body", $"Hello? ({i})")])).StatusCode);
        }

        var longAddress = await RawPostAsync(Client(_first, "203.0.113.42"), "/Identity/Account/ForgotPassword", [new("Email", new string('a', 400) + "@test.local")]);

        logins.Take(5).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        logins[5].Should().Be(HttpStatusCode.TooManyRequests, "the first address is the account signed in against");
        questions.Take(30).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        questions[30].Should().Be(HttpStatusCode.TooManyRequests, "Razor Pages runs the first handler named, Ask, and so it is counted");
        longAddress.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Trying_again_on_the_429_page_does_not_make_the_wait_longer()
    {
        await _first.CreateUserAsync("patient@test.local");
        var client = Client(_first, "203.0.113.43");
        for (var i = 0; i < 12; i++)
        {
            await client.LogInAsync("patient@test.local", "Wrong-Pass-999");
        }

        _clock.Advance(TimeSpan.FromMinutes(15));
        var afterTheWindow = await client.LogInAsync("patient@test.local");

        afterTheWindow.StatusCode.Should().Be(HttpStatusCode.OK, "the 7 refused tries weren't counted on the day's limit of 10");
        afterTheWindow.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/");
    }

    [Fact]
    public async Task Each_api_token_has_a_budget_a_minute_shared_by_every_instance_and_told_in_its_headers()
    {
        var seller = await new CatalogBuilder(_first).SellerAsync("Api shop", "US");
        var made = await _first.RunAsync<Marketplace.Core.Api.ApiTokens, Marketplace.Domain.Common.Result<Marketplace.Core.Api.NewApiToken>>(
            t => t.CreateAsync(seller, "Sync", [Marketplace.Core.Api.ApiScopes.ListingsRead], 30, Ct));
        var first = Client(_first, "203.0.113.50");
        var second = Client(_second, "198.51.100.60");
        first.DefaultRequestHeaders.Authorization = new("Bearer", made.Value!.Secret);
        second.DefaultRequestHeaders.Authorization = new("Bearer", made.Value.Secret);

        var allowed = new List<HttpResponseMessage> { await first.GetAsync("/api/v1/listings", Ct), await second.GetAsync("/api/v1/listings", Ct), await first.GetAsync("/api/v1/listings", Ct) };
        var refused = await second.GetAsync("/api/v1/listings", Ct);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var nextMinute = await second.GetAsync("/api/v1/listings", Ct);

        allowed.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        allowed.Select(a => a.Headers.GetValues("RateLimit-Remaining").Single()).Should().Equal("2", "1", "0");
        allowed[0].Headers.GetValues("RateLimit-Limit").Should().Equal("3");
        allowed[0].Headers.GetValues("RateLimit-Reset").Should().Equal("60");
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(60));
        (await refused.Content.ReadAsStringAsync(Ct)).Should().Contain("\"code\":\"rate_limited\"");
        nextMinute.StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = _first.CreateDbContext();
        (await db.ApiTokens.SingleAsync(Ct)).LastUsedIp.Should().Be("198.51.100.60", "the address of the latest use is recorded");
    }

    /// <summary>A form post with exactly these fields (repeats allowed) and the client's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> RawPostAsync(HttpClient client, string path, List<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetDocumentAsync("/Identity/Account/Login");
        fields.Add(new("__RequestVerificationToken", page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        return await client.PostAsync(path, new FormUrlEncodedContent(fields), Ct);
    }

    private MarketplaceAppFactory Instance() =>
        MarketplaceAppFactory.Instance(
            _database,
            new Dictionary<string, string?> { ["RateLimits:Enabled"] = "true", ["Api:RequestsPerMinute"] = "3" },
            services =>
            {
                services.RemoveAll<RateLimitClock>();
                services.AddSingleton(new RateLimitClock(_clock));
            }).OnKestrel();

    /// <summary>A browser-like client whose requests reach the app through this machine, as a proxy forwarding <paramref name="address"/>.</summary>
    private static HttpClient Client(MarketplaceAppFactory instance, string address)
    {
        instance.StartServer();
        var client = instance.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = instance.ServerAddress, AllowAutoRedirect = true, HandleCookies = true });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }
}
