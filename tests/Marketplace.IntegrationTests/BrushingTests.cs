using Marketplace.Domain.Trust;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>Unordered-package reports are matched to the shipment and its seller, and reviewed by admins.</summary>
public sealed class BrushingTests(PostgresApp app) : AppTest(app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reported_tracking_number_is_matched_to_the_seller_who_shipped_it_and_flagged_to_admins()
    {
        var seller = await Catalog.SellerAsync("Fake Reviews Ltd", "CN");
        var someone = await Factory.CreateUserAsync($"someone-{Guid.NewGuid():N}@test.local");
        await new OrderBuilder(Factory).ConfirmedOrdersAsync(seller, someone.Id, 1, 100, Factory.Clock.GetUtcNow().AddDays(10));
        var reporter = await Factory.SignInAsAsync($"reporter-{Guid.NewGuid():N}@test.local");
        var admin = await Factory.SignInAsAdminAsync();

        var bad = await Html.ParseAsync(await reporter.SubmitFormAsync("/Reports/Brushing", "#brushing-form", new Dictionary<string, string> { ["TrackingNumber"] = "12", ["WhatArrived"] = "A ring" }));
        var matched = await Html.ParseAsync(await reporter.SubmitFormAsync("/Reports/Brushing", "#brushing-form", new Dictionary<string, string> { ["TrackingNumber"] = "track-0", ["WhatArrived"] = "A cheap plastic ring I never ordered." }));
        await reporter.SubmitFormAsync("/Reports/Brushing", "#brushing-form", new Dictionary<string, string> { ["TrackingNumber"] = "ZZ999999999", ["WhatArrived"] = "Seeds." });
        var queue = await admin.GetDocumentAsync("/Admin/Brushing");
        var reviewed = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin/Brushing", "#brushing-queue form", new Dictionary<string, string> { ["note"] = "Seller warned; watching their reviews." }));
        var sellerAccount = await admin.GetDocumentAsync(queue.QuerySelector(".brushing-item a[href^='/Admin/Users/']")!.GetAttribute("href")!);

        bad.Text(".validation-summary-errors").Should().Contain(BrushingErrors.Tracking.Message);
        matched.Text("#report-message").Should().StartWith("Thanks");
        queue.Texts(".brushing-match").Should().Equal("Shipped by Fake Reviews Ltd (order " + await OrderNumberAsync() + ") · 1 report on this seller", "No shipment matches");
        reviewed.Text("#brushing-message").Should().Be("Reviewed.");
        sellerAccount.Text("#brushing-mark").Should().Be("Suspected: 1 unordered package traced to this store");
        await using var db = Factory.CreateDbContext();
        (await db.BrushingReports.CountAsync(r => r.MatchedSellerId == seller.Id, Ct)).Should().Be(1);
        (await db.AdminActions.SingleAsync(Ct)).Action.Should().Be(AdminActions.ReviewBrushing);
    }

    private async Task<string> OrderNumberAsync()
    {
        await using var db = Factory.CreateDbContext();
        return await db.Orders.Select(o => o.Number).SingleAsync(Ct);
    }
}
