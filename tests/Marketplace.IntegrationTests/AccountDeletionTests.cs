using Marketplace.Core.Escrow;
using Marketplace.Core.Identity;
using Marketplace.Domain.Orders;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>Deleting an account: refused while anything is open; afterwards the person is gone but sellers keep their orders.</summary>
public sealed class AccountDeletionTests(PostgresApp app) : AppTest(app)
{
    private const string Page = "/Identity/Account/Manage/DeletePersonalData";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_buyer_with_money_still_held_cannot_delete_the_account_and_is_told_why()
    {
        var (_, buyerId, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        var buyer = await Factory.SignInAsUserAsync(buyerId);

        var page = await buyer.GetDocumentAsync(Page);
        var refused = await Factory.RunAsync<DeleteAccount, Marketplace.Domain.Common.Result<Guid>>(a => a.ExecuteAsync(buyerId, Ct));

        page.Text("#delete-blockers").Should().Contain("1 order is still open").And.Contain(await NumberAsync(orderId));
        page.QuerySelector("#delete-user").Should().BeNull("there is nothing to submit while something is open");
        refused.Error.Should().Be(DeleteAccount.StillOpen);
        await using var db = Factory.CreateDbContext();
        (await db.Users.SingleAsync(u => u.Id == buyerId, Ct)).Email.Should().EndWith("@test.local");
    }

    [Fact]
    public async Task After_everything_is_closed_the_account_is_anonymised_and_the_seller_still_sees_the_order()
    {
        var (seller, buyerId, orderId) = await new OrderBuilder(Factory).OrderFromNewStoreAsync();
        Factory.Clock.Advance(TimeSpan.FromDays(11));
        await Factory.RunAsync<ReleaseDueHolds, int>(a => a.ExecuteAllAsync(Ct));
        string email;
        await using (var db = Factory.CreateDbContext())
        {
            email = (await db.Users.SingleAsync(u => u.Id == buyerId, Ct)).Email!;
        }

        var buyer = await Factory.SignInAsUserAsync(buyerId);
        var wrong = await Html.ParseAsync(await buyer.SubmitFormAsync(Page, "#delete-user", new Dictionary<string, string> { ["Input.Password"] = "not my password" }));
        var deleted = await Html.ParseAsync(await buyer.SubmitFormAsync(Page, "#delete-user", new Dictionary<string, string> { ["Input.Password"] = MarketplaceAppFactoryExtensions.Password }));
        var again = Factory.CreateBrowserLikeClient();
        var login = await again.LogInAsync(email);
        var sellerPage = await (await Factory.SignInAsSellerAsync(seller)).GetAsync($"/Seller/Orders/{orderId}", Ct);

        wrong.ErrorFor("Input.Password").Should().Be("That password is not right.");
        deleted.Text("#account-deleted").Should().StartWith("Your account is deleted");
        login.RequestMessage!.RequestUri!.AbsolutePath.Should().Contain("Login", "nobody can sign in to a deleted account");
        sellerPage.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await Html.ParseAsync(sellerPage)).Text("main").Should().Contain(Order.ForgottenName).And.NotContain("1 Main St");
        await using var after = Factory.CreateDbContext();
        var user = await after.Users.SingleAsync(u => u.Id == buyerId, Ct);
        (user.Email, user.PasswordHash, user.DisplayName).Should().Be(($"deleted-{buyerId:N}@deleted.invalid", null, "Deleted account"));
        (await after.Orders.SingleAsync(Ct)).Status.Should().Be(OrderStatus.Completed);
        (await Factory.LedgerViolationsAsync()).Should().BeEmpty();
    }

    private async Task<string> NumberAsync(Guid orderId)
    {
        await using var db = Factory.CreateDbContext();
        return await db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync(Ct);
    }
}
