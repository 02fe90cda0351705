using Marketplace.Core.Identity;
using Marketplace.Testing;

namespace Marketplace.IntegrationTests;

public sealed class SellerApprovalTests
{
    [Fact]
    public async Task When_approval_is_required_a_new_store_waits_until_an_admin_approves_it()
    {
        var settings = new Dictionary<string, string?> { ["Sellers:RequireApproval"] = "true" };
        await using var factory = new MarketplaceAppFactory(await TestDatabase.CreateMigratedAsync(), settings: settings);
        var applicant = await factory.SignInAsAsync("applicant@test.local");

        var applied = await Html.ParseAsync(await applicant.SubmitFormAsync("/Sell", "#sell-form", new Dictionary<string, string> { ["StoreName"] = "Late Bloomers", ["Country"] = "NL" }));
        var dashboardBefore = await applicant.GetAsync("/Seller", TestContext.Current.CancellationToken);

        var admin = await factory.SignInAsAdminAsync();
        var desk = await admin.GetDocumentAsync("/Admin");
        var approved = await Html.ParseAsync(await admin.SubmitFormAsync("/Admin", "#pending-sellers form", new Dictionary<string, string>()));
        await applicant.LogInAsync("applicant@test.local");
        var dashboardAfter = await applicant.GetDocumentAsync("/Seller");

        applied.Text("[role=status]").Should().Contain("waiting for an admin's approval");
        dashboardBefore.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Identity/Account/AccessDenied");
        desk.Texts("#pending-sellers li").Should().ContainSingle().Which.Should().Contain("Late Bloomers").And.Contain("Netherlands");
        approved.Text("[role=status]").Should().Be("Late Bloomers is open.");
        dashboardAfter.Text("h1").Should().Be("Late Bloomers");
    }

    [Fact]
    public async Task Only_admins_reach_the_admin_desk()
    {
        await using var factory = new MarketplaceAppFactory(await TestDatabase.CreateMigratedAsync());
        var seller = await factory.SignInAsAsync("seller@test.local", Roles.Seller);

        var response = await seller.GetAsync("/Admin", TestContext.Current.CancellationToken);

        response.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/Identity/Account/AccessDenied");
    }
}
