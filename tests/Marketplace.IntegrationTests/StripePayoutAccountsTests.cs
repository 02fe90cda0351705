using System.Net;
using Marketplace.Core.Payments;
using Marketplace.Domain.Sellers;
using Marketplace.Testing;
using Stripe;

namespace Marketplace.IntegrationTests;

/// <summary>The real Stripe.net client against a fake HTTP handler: what we send to Stripe, and what we make of its answers.</summary>
public sealed class StripePayoutAccountsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creates_an_express_account_with_an_idempotency_key_from_the_seller_id_and_an_onboarding_link()
    {
        var stripe = new FakeStripe();
        stripe.Answer("POST /v1/accounts", """{"id":"acct_1Test","object":"account","payouts_enabled":false}""");
        stripe.Answer("POST /v1/account_links", """{"object":"account_link","url":"https://connect.stripe.test/setup/e/acct_1Test/abc","expires_at":1893456000}""");
        var accounts = new StripePayoutAccounts(Client(stripe));
        var seller = new Seller(Guid.NewGuid(), "Porto Ceramics", "PT", "", DateTimeOffset.UnixEpoch, approved: true);

        var id = await accounts.CreateAccountAsync(seller, "ana@test.local", Ct);
        var link = await accounts.OnboardingLinkAsync(id, new Uri("https://shop.test/Seller"), new Uri("https://shop.test/Seller"), Ct);

        id.Should().Be("acct_1Test");
        link.Should().Be(new Uri("https://connect.stripe.test/setup/e/acct_1Test/abc"));
        var create = stripe.Requests[0];
        create.IdempotencyKey.Should().Be($"connect-account:{seller.Id}");
        create.Form.Should().Contain("type", "express").And.Contain("country", "PT").And.Contain("email", "ana@test.local")
            .And.Contain("capabilities[transfers][requested]", "true").And.Contain("metadata[seller_id]", seller.Id.ToString());
        stripe.Requests[1].Form.Should().Contain("account", "acct_1Test").And.Contain("type", "account_onboarding")
            .And.Contain("return_url", "https://shop.test/Seller");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reads_whether_payouts_are_enabled(bool enabled)
    {
        var stripe = new FakeStripe();
        stripe.Answer("GET /v1/accounts/acct_1Test", $$"""{"id":"acct_1Test","object":"account","payouts_enabled":{{(enabled ? "true" : "false")}}}""");

        var result = await new StripePayoutAccounts(Client(stripe)).PayoutsEnabledAsync("acct_1Test", Ct);

        result.Should().Be(enabled);
    }

    [Fact]
    public async Task A_stripe_error_surfaces_as_an_exception_not_a_made_up_account()
    {
        var stripe = new FakeStripe();
        stripe.Answer("POST /v1/accounts", """{"error":{"type":"invalid_request_error","message":"Country XX is not supported."}}""", HttpStatusCode.BadRequest);
        var seller = new Seller(Guid.NewGuid(), "Shop", "PT", "", DateTimeOffset.UnixEpoch, approved: true);

        var act = () => new StripePayoutAccounts(Client(stripe)).CreateAccountAsync(seller, "a@test.local", Ct);

        (await act.Should().ThrowAsync<StripeException>()).Which.Message.Should().Contain("not supported");
    }

    private static StripeClient Client(FakeStripe stripe) => new StripeClient("sk_test_fake", httpClient: new SystemNetHttpClient(new HttpClient(stripe), maxNetworkRetries: 0));
}
