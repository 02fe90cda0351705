using Marketplace.Core.Identity;
using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Marketplace.BrowserTests;

public sealed class EscrowAdminJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task An_admin_freezes_and_lifts_a_payment_and_a_buyer_with_an_open_order_is_told_why_the_account_cannot_be_deleted()
    {
        await App.Factory.Database!.ResetAsync();
        var (_, buyerId, orderId) = await new OrderBuilder(App.Factory).OrderFromNewStoreAsync();
        string number;
        string buyerEmail;
        await using (var db = App.Factory.CreateDbContext())
        {
            number = await db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync(TestContext.Current.CancellationToken);
            buyerEmail = await db.Users.Where(u => u.Id == buyerId).Select(u => u.Email!).SingleAsync(TestContext.Current.CancellationToken);
        }

        await App.Factory.CreateUserAsync("admin@test.local", true, Roles.Admin);
        foreach (var width in new[] { 1280, 390 })
        {
            var admin = await App.NewPageAsync(width);
            await BrowserApp.LogInAsync(admin, "admin@test.local");
            await admin.GotoAsync("/Admin/Escrow");
            await admin.GetByLabel("Freeze an order's payment").FillAsync(number);
            await admin.GetByLabel("Why (recorded in the audit log)").FillAsync("Card testing pattern");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Freeze", Exact = true }).ClickAsync();
            await Assertions.Expect(admin.Locator("#frozen-holds .frozen-hold")).ToContainTextAsync("Frozen for: admin hold");
            await BrowserApp.ScreenshotAsync(admin, $"escrow-01-admin-hold-{width}");
            await admin.GetByLabel($"Why lift the hold on {number}").FillAsync("Checked: genuine buyer");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Lift my hold" }).ClickAsync();
            await Assertions.Expect(admin.Locator("[role=status]")).ToContainTextAsync("Your hold is lifted.");
            await Assertions.Expect(admin.Locator("#no-frozen-holds")).ToBeVisibleAsync();
        }

        var buyer = await App.NewPageAsync(390);
        await BrowserApp.LogInAsync(buyer, buyerEmail);
        await buyer.GotoAsync("/Identity/Account/Manage/DeletePersonalData");
        await Assertions.Expect(buyer.Locator("#delete-blockers")).ToContainTextAsync(number);
        await BrowserApp.ScreenshotAsync(buyer, "escrow-02-delete-account-blocked-390");
    }
}
