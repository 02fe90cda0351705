using Marketplace.Core.Catalog;
using Marketplace.Core.Checkout;
using Marketplace.Core.Messaging;
using Marketplace.Domain.Catalog;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Marketplace.Web.Infrastructure.RateLimits.Messages)]
[ReadsFromStandby]
[AntiforgeryWhenSignedIn(VisitorHandler = "AddToCart")]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageCache.PolicyName)]
public sealed class ListingModel(CatalogQueries catalog, AddToCart addToCart, SendMessage send, Marketplace.Core.Reviews.ReviewQueries reviews, Marketplace.Core.Trust.SellerTrust trust, DestinationCountry destination, DisplayCurrency currency, Marketplace.Core.Rules.RulesStore rulesStore, TimeProvider clock) : PageModel
{
    public ListingDetails Details { get; private set; } = null!;

    public Listing Listing => Details.Listing;

    public ListingVariant Variant { get; private set; } = null!;

    public int ImageIndex { get; private set; }

    /// <summary>The price is shown converted into the buyer's currency (approximate); the seller's own is one click away.</summary>
    public bool Converted { get; private set; }

    public string ShownCurrency => currency.Code;

    public string SellersCurrencyLink => CurrencyModel.LinkTo(DisplayCurrency.SellersOwn, PageCache.ReturnUrl(HttpContext));

    public string DestinationCode => destination.Code;

    public string DestinationName => destination.Name;

    public IReadOnlyList<(ShippingOption Option, DeliveryEstimate Estimate)> Shipping { get; private set; } = [];

    /// <summary>When the listing doesn't ship to the buyer: the seller's listings that do.</summary>
    public ShipsInstead ShipsInstead { get; private set; } = new([], LookedAtEveryListing: true);

    public Marketplace.Core.Reviews.RatingSummary Ratings { get; private set; } = null!;

    public Marketplace.Core.Trust.TrustProfile? Trust { get; private set; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>The rules an order placed now gets (protection, handling time), for the page's promises.</summary>
    public Marketplace.Domain.Common.MarketplaceRules Rules { get; private set; } = null!;

    /// <summary>What an order placed now promises: the seller's handling time, at most the longest allowed.</summary>
    public int HandlingDays => Rules.HandlingDaysFor(Listing.HandlingDays);

    public Marketplace.Core.Reviews.ReviewFilter ReviewFilter { get; private set; } = new();

    public IReadOnlyList<Marketplace.Core.Reviews.ReviewView> Reviews { get; private set; } = [];

    /// <summary>Photos from buyers' reviews, shown beside the seller's.</summary>
    public IReadOnlyList<Marketplace.Domain.Reviews.ReviewPhoto> BuyerPhotos { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? variant, int image = 0, int? stars = null, bool photos = false, CancellationToken ct = default)
    {
        var details = await catalog.ListingAsync(id, ct);
        if (details is null)
        {
            return NotFound();
        }

        Details = details;
        var variants = Listing.Variants.OrderBy(v => v.Position).ToList();
        Variant = variants.FirstOrDefault(v => v.Id == variant) ?? variants.FirstOrDefault(v => v.InStock) ?? variants[0];
        ImageIndex = Math.Clamp(image, 0, Math.Max(0, Listing.Images.Count - 1));
        Converted = (await currency.ShowAsync(Variant.Price, ct)).Converted;
        var now = clock.GetUtcNow();
        Rules = await rulesStore.CurrentAsync(ct);
        Shipping = Listing.ShippingOptionsTo(destination.Code)
            .Select(o => (o, DeliveryEstimate.For(HandlingDays, o.MinDays, o.MaxDays, now)))
            .ToList();
        if (Shipping.Count == 0)
        {
            ShipsInstead = await catalog.SellerShippingToAsync(Listing.SellerId, Listing.Id, destination.Code, 4, ct);

            // Other listings on this page: a cached copy goes when any listing changes, like a list page.
            HttpContext.Features.Get<Microsoft.AspNetCore.OutputCaching.IOutputCacheFeature>()?.Context.Tags.Add(CatalogTags.Lists);
        }

        ReviewFilter = new Marketplace.Core.Reviews.ReviewFilter(stars is >= 1 and <= 5 ? stars : null, photos);
        Ratings = await reviews.SummaryAsync(id, ct);
        Reviews = await reviews.ForListingAsync(id, ReviewFilter, ct);
        BuyerPhotos = await reviews.BuyerPhotosAsync(id, ct);
        Trust = await trust.ProfileAsync(Listing.SellerId, ct);
        Now = now;
        return Page();
    }

    public async Task<IActionResult> OnPostAddToCartAsync(Guid id, Guid variantId, int quantity = 1, CancellationToken ct = default)
    {
        var added = await addToCart.ExecuteAsync(HttpContext.CartOwner(), id, variantId, quantity, destination.Code, ct);
        if (!added.Succeeded)
        {
            ModelState.AddModelError("quantity", added.Error!.Text());
            return await OnGetAsync(id, variantId, ct: ct);
        }

        if (User.UserId() is null)
        {
            Buyers.RememberGuestCart(Response, added.Value!.Id);
        }

        TempData["CartMessage"] = Localization.Texts["Added to your cart."].Value;
        return Redirect("/Cart");
    }

    /// <summary>
    /// Why the last question wasn't sent (set by <see cref="MessagePosting.AfterMessage"/>). Read for signed-in people only:
    /// a visitor's page touches no TempData, so it sets no cookie and can be served from the page cache.
    /// </summary>
    public string? MessageError => User.Identity?.IsAuthenticated == true ? TempData["MessageError"] as string : null;

    /// <summary>A pre-sale question to the seller; the answer arrives in the buyer's messages.</summary>
    public async Task<IActionResult> OnPostAskAsync(Guid id, string? body, CancellationToken ct = default)
    {
        if (User.UserId() is not { } userId)
        {
            return Challenge();
        }

        var sent = await send.ToListingAsync(userId, id, body, ct);
        return sent.Succeeded ? Redirect($"/Messages/{sent.Value!.ConversationId}") : this.AfterMessage(sent, $"/Listing/{id}");
    }

    public string LinkTo(Guid? variant = null, int? image = null) =>
        $"/Listing/{Listing.Id}?variant={variant ?? Variant.Id}&image={image ?? ImageIndex}";
}
