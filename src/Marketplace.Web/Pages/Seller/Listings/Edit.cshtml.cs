using Marketplace.Core.Catalog;
using Marketplace.Core.Sellers;
using Marketplace.Domain.Catalog;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Seller.Listings;

/// <summary>Create ("/Seller/Listings/New") or edit one of the seller's own listings, its photos and its status.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Marketplace.Web.Infrastructure.RateLimits.Uploads)]
[RequestFormLimits(MultipartBodyLengthLimit = 32 * 1024 * 1024)]
public sealed class EditModel(SaveListing save, ChangeListingStatus status, ListingImages images, SellerQueries sellers, Marketplace.Core.Trust.Takedowns takedowns) : SellerPageModel
{
    [BindProperty]
    public ListingForm Form { get; set; } = new();

    public Listing? Listing { get; private set; }

    /// <summary>What prices are typed in: the listing's own currency, or the store's for a new one.</summary>
    public string PriceCurrency => Listing?.PriceFrom.Currency ?? Store.Currency;

    public IReadOnlyList<QualityWarning> Warnings { get; private set; } = [];

    public IReadOnlyList<Category> Categories { get; private set; } = [];

    /// <summary>The rights holder's notice that removed this listing, if any (the seller may answer it once).</summary>
    public Domain.Trust.TakedownRequest? Removal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, fillForm: true, ct) ?? Page();

    public async Task<IActionResult> OnPostSaveAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, fillForm: false, ct) is { } refused)
        {
            return refused;
        }

        // A variant row names the variant it edits in a hidden field: one that isn't this listing's (a changed page) would
        // otherwise replace the real variant with a new one, its carts and history lost, as the API refuses too.
        var known = Listing?.Variants.Select(v => v.Id).ToHashSet() ?? [];
        var seen = new HashSet<Guid>();
        for (var i = 0; i < Form.Variants.Count; i++)
        {
            var unreadable = ModelState.TryGetValue($"{nameof(Form)}.Variants[{i}].Id", out var entry) && entry.Errors.Count > 0;
            if (unreadable || (Form.Variants[i].Id is { } given && (!known.Contains(given) || !seen.Add(given))))
            {
                ModelState.AddModelError($"{nameof(Form)}.Variants[{i}].Sku", Localization.Texts["This row's variant isn't part of this listing: reload the page and try again."]);
            }
        }

        var errors = new List<(string Field, Marketplace.Domain.Common.Text Message)>();
        var input = ModelState.IsValid ? Form.Parse(PriceCurrency, nameof(Form), errors) : null;
        errors.ForEach(e => ModelState.AddModelError(e.Field, Words.Render(e.Message)));
        if (input is null)
        {
            return Page();
        }

        var result = Listing is null ? await save.CreateAsync(Store, input, ct) : await save.UpdateAsync(Store, Listing.Id, input, ct);
        return Done(result.Error, result.Value?.Id, Listing is null ? Localization.Texts["Listing created. Add photos, then publish it."] : Localization.Texts["Changes saved."], result.Error?.Code == "listing.handling_days" ? "Form.HandlingDays" : string.Empty);
    }

    public async Task<IActionResult> OnPostStatusAsync(string id, ListingAction action, CancellationToken ct)
    {
        if (await LoadAsync(id, fillForm: true, ct) is { } refused)
        {
            return refused;
        }

        var result = await status.ExecuteAsync(Store, Listing!.Id, action, ct);
        return Done(result.Error, Listing.Id, action switch
        {
            ListingAction.Publish when result.Value?.Status == ListingStatus.PendingReview => Localization.Texts["Sent for review before it goes live: see why below."],
            ListingAction.Publish => Localization.Texts["Published: buyers can find it now."],
            ListingAction.Unpublish => Localization.Texts["Unpublished: buyers no longer see it."],
            ListingAction.Archive => Localization.Texts["Archived."],
        });
    }

    public async Task<IActionResult> OnPostUploadAsync(string id, IFormFile? photo, CancellationToken ct)
    {
        if (await LoadAsync(id, fillForm: true, ct) is { } refused)
        {
            return refused;
        }

        if (photo is null)
        {
            return Done(ImageErrors.Empty, Listing!.Id, string.Empty, "photo");
        }

        await using var stream = photo.OpenReadStream();
        var result = await images.AddAsync(Store, Listing!.Id, stream, photo.Length, ct);
        return Done(result.Error, Listing.Id, Localization.Texts["Photo added."], "photo");
    }

    public async Task<IActionResult> OnPostImageAsync(string id, Guid imageId, bool remove, CancellationToken ct)
    {
        if (await LoadAsync(id, fillForm: true, ct) is { } refused)
        {
            return refused;
        }

        var result = remove
            ? await images.RemoveAsync(Store, Listing!.Id, imageId, ct)
            : await images.MakeMainAsync(Store, Listing!.Id, imageId, ct);
        return Done(result.Error, Listing.Id, remove ? Localization.Texts["Photo removed."] : Localization.Texts["Main photo changed."]);
    }

    private IActionResult Done(Domain.Common.DomainError? error, Guid? listingId, string message, string field = "")
    {
        if (error is null)
        {
            TempData["Message"] = message;
            return Redirect($"/Seller/Listings/{listingId}");
        }

        if (error.AsHttpResult() is { } http)
        {
            return http;
        }

        error.AddTo(ModelState, field);
        return Page();
    }

    /// <summary>Null when the page may go on; otherwise the answer (sign-up redirect, 404 for anyone else's listing).</summary>
    public async Task<IActionResult> OnPostCounterNoticeAsync(string id, string? counterNotice, CancellationToken ct)
    {
        if (await LoadAsync(id, fillForm: true, ct) is { } refused)
        {
            return refused;
        }

        var filed = await takedowns.CounterNoticeAsync(Store.Id, Listing!.Id, counterNotice, ct);
        return Done(filed.Error, Listing.Id, Localization.Texts["Counter-notice filed. An admin reviews it and tells you and the rights holder the outcome."]);
    }

    private async Task<IActionResult?> LoadAsync(string id, bool fillForm, CancellationToken ct)
    {
        if (!await LoadSellerAsync(ct))
        {
            return Redirect("/Sell");
        }

        Categories = await sellers.CategoriesAsync(ct);
        if (string.Equals(id, "new", StringComparison.OrdinalIgnoreCase))
        {
            if (fillForm)
            {
                Form = new ListingForm().WithBlankRows(specs: 4, variants: 3, shipping: 3);

                // A new listing starts in the language the seller is using the site in.
                Form.Language = Languages.Listed.Contains(System.Globalization.CultureInfo.CurrentUICulture.Name) ? System.Globalization.CultureInfo.CurrentUICulture.Name : null;
            }

            return null;
        }

        if (!Guid.TryParse(id, out var listingId) || await sellers.OwnListingAsync(Store.Id, listingId, ct) is not { } own)
        {
            return NotFound();
        }

        (Listing, Warnings) = own;
        Removal = Listing.Status == ListingStatus.TakenDown ? await takedowns.RemovalOfAsync(Store.Id, listingId, ct) : null;
        if (fillForm)
        {
            Form = ListingForm.From(Listing).WithBlankRows();
        }

        return null;
    }
}
