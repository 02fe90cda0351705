using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Marketplace.Core.Api;
using Marketplace.Core.Catalog;
using Marketplace.Core.Data;
using Marketplace.Domain.Catalog;
using Marketplace.Domain.Common;
using Marketplace.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Api;

/// <summary>An amount in minor units (cents; yen have none) with its currency.</summary>
public sealed record ApiMoney(long Amount, string Currency)
{
    public static ApiMoney From(Money money) => new(money.Amount, money.Currency);
}

public sealed record ApiSpec(string Key, string Value);

/// <param name="Price">In the listing's currency's minor units.</param>
public sealed record ApiVariant(Guid Id, string Sku, string Name, long Price, int Stock);

/// <param name="Country">An ISO country code, or "*" for all other countries.</param>
public sealed record ApiShippingOption(string Country, ShippingMethod Method, string Carrier, long Price, int MinDays, int MaxDays);

public sealed record ApiPhoto(Guid Id, string Url, string ThumbnailUrl, int Position);

/// <param name="ReviewReason">Why the listing waits for an admin's review (status pending_review), or its removal note.</param>
public sealed record ApiListing(
    Guid Id,
    string Title,
    string Description,
    Guid CategoryId,
    string? Language,
    int HandlingDays,
    ListingStatus Status,
    string? ReviewReason,
    string Currency,
    ApiMoney PriceFrom,
    IReadOnlyList<ApiSpec> Specs,
    IReadOnlyList<ApiVariant> Variants,
    IReadOnlyList<ApiShippingOption> Shipping,
    IReadOnlyList<ApiPhoto> Photos,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt);

/// <summary>One page of a list and the cursor of the next (null on the last page).</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>A variant to keep (with its id) or add (without), price in minor units.</summary>
public sealed record ApiVariantInput(Guid? Id = null, string? Sku = null, string? Name = null, long? Price = null, int? Stock = null);

public sealed record ApiShippingInput(string? Country = null, ShippingMethod? Method = null, string? Carrier = null, long? Price = null, int? MinDays = null, int? MaxDays = null);

/// <summary>A whole listing, as the editor saves it: variants and shipping options not sent are removed.</summary>
public sealed record ApiListingInput(
    string? Title = null,
    string? Description = null,
    Guid? CategoryId = null,
    string? Language = null,
    int? HandlingDays = null,
    IReadOnlyList<ApiSpec>? Specs = null,
    IReadOnlyList<ApiVariantInput>? Variants = null,
    IReadOnlyList<ApiShippingInput>? Shipping = null);

/// <summary>A bulk update: at most 100 lines, each applied or refused on its own.</summary>
public sealed record ApiInventoryInput(IReadOnlyList<InventoryChange>? Items = null);

/// <summary>A category to list in; <see cref="RequiredSpecs"/> are the specs its listings should give.</summary>
public sealed record ApiCategory(Guid Id, string Name, string Slug, Guid? ParentId, IReadOnlyList<string> RequiredSpecs);

public sealed record ApiInventoryResult(int Index, string Result, Guid? ListingId, Guid? VariantId, string? Sku, long? Price, int? Stock, ListingStatus? ListingStatus, string? Code, string? Error);

public sealed record ApiInventoryResponse(int Updated, int Failed, IReadOnlyList<ApiInventoryResult> Items);

/// <summary>/api/v1/listings: the listing editor's actions, for the caller's own store only (anyone else's listing is 404).</summary>
public static class ListingsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var listings = api.MapGroup("/listings").WithTags("Listings");
        listings.MapGet("/", ListAsync).Needs<ApiPage<ApiListing>>(ApiScopes.ListingsRead)
            .WithSummary("The store's listings, newest first").WithDescription("Filter with `status` (draft, published, unpublished, archived, pending_review, taken_down); page with `cursor` (from `nextCursor`) and `limit` (1–100, default 50).");
        listings.MapGet("/{id:guid}", ReadAsync).Needs<ApiListing>(ApiScopes.ListingsRead).WithSummary("One listing");
        listings.MapPost("/", CreateAsync).Needs<ApiListing>(ApiScopes.ListingsWrite, StatusCodes.Status201Created).WithSummary("Create a listing (a draft)")
            .WithDescription("Prices are in minor units of the store's currency. The listing starts as a draft: add photos and publish it.");
        listings.MapPut("/{id:guid}", UpdateAsync).Needs<ApiListing>(ApiScopes.ListingsWrite).WithSummary("Replace a listing's content")
            .WithDescription("Send every variant and shipping option the listing should have; give existing variants their `id` to keep them (carts and stock history follow the id). A live listing repriced far below its brand goes back to review.");
        listings.MapPost("/{id:guid}/publish", (Guid id, HttpContext c, ChangeListingStatus s, CancellationToken ct) => StatusAsync(id, ListingAction.Publish, c, s, ct)).Needs<ApiListing>(ApiScopes.ListingsWrite)
            .WithSummary("Publish").WithDescription("The counterfeit check runs as on the page: the answer's status is `published`, or `pending_review` with the reason.");
        listings.MapPost("/{id:guid}/unpublish", (Guid id, HttpContext c, ChangeListingStatus s, CancellationToken ct) => StatusAsync(id, ListingAction.Unpublish, c, s, ct)).Needs<ApiListing>(ApiScopes.ListingsWrite).WithSummary("Unpublish");
        listings.MapPost("/{id:guid}/archive", (Guid id, HttpContext c, ChangeListingStatus s, CancellationToken ct) => StatusAsync(id, ListingAction.Archive, c, s, ct)).Needs<ApiListing>(ApiScopes.ListingsWrite).WithSummary("Archive");
        listings.MapPost("/{id:guid}/photos", AddPhotoAsync).Needs<ApiPhoto>(ApiScopes.ListingsWrite, StatusCodes.Status201Created).WithSummary("Upload a photo")
            .WithDescription("multipart/form-data with one file in the field `photo`: JPEG, PNG or WebP, at most 5 MB and 10 photos, checked and re-encoded exactly as on the page.")
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = 32 * 1024 * 1024 });
        listings.MapDelete("/{id:guid}/photos/{photoId:guid}", RemovePhotoAsync).Needs<ApiListing>(ApiScopes.ListingsWrite).WithSummary("Remove a photo");
        api.MapGet("/categories", CategoriesAsync).Needs<IReadOnlyList<ApiCategory>>(ApiScopes.ListingsRead).WithTags("Listings").WithSummary("The categories a listing can be in")
            .WithDescription("Each with the specs its listings should give (the editor warns when they are missing). Listing languages: " + string.Join(", ", Languages.Listed) + ".");
        api.MapPost("/inventory", UpdateInventoryAsync).Needs<ApiInventoryResponse>(ApiScopes.ListingsWrite).WithTags("Listings").WithSummary("Bulk price and stock update")
            .WithDescription("Up to 100 lines: `{\"items\":[{\"sku\":\"MUG-1\",\"stock\":40},{\"variantId\":\"…\",\"price\":1299},{\"sku\":\"MUG-2\",\"stockChange\":-2}]}`. "
                + "Each line is applied whole or not at all and answered on its own (`result`: updated or failed, with `code`). A `stockChange` applies to the stock left after any sale made meanwhile and never oversells; "
                + "`stock` sets the number outright — add `expectedStock` (the number you read) to set it only if no sale came in between.");
    }

    private static async Task<IResult> ListAsync(HttpContext context, MarketplaceDbContext db, MediaLinks media, string? status, string? cursor, int? limit, CancellationToken ct)
    {
        var caller = context.User.ApiCaller()!;
        if (!ApiPaging.TryRead(cursor, limit, out var after, out var take, out var problem) || !ApiEnums.TryRead<ListingStatus>(status, out var state, out problem))
        {
            return problem!;
        }

        var query = db.Listings.AsNoTracking().Include(l => l.Variants).Include(l => l.ShippingOptions).AsSplitQuery().Where(l => l.SellerId == caller.SellerId);
        if (state is { } s)
        {
            query = query.Where(l => l.Status == s);
        }

        if (after is { } a)
        {
            query = query.Where(l => l.CreatedAt < a.At || (l.CreatedAt == a.At && l.Id.CompareTo(a.Id) < 0));
        }

        var page = await query.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Take(take + 1).ToListAsync(ct);
        return Results.Ok(ApiPaging.Page(page, take, l => new ApiCursor(l.CreatedAt, l.Id), l => ToApi(l, media, context.Request)));
    }

    private static async Task<IResult> CategoriesAsync(Core.Sellers.SellerQueries sellers, CancellationToken ct) =>
        Results.Ok((await sellers.CategoriesAsync(ct)).Select(c => new ApiCategory(c.Id, c.Name, c.Slug, c.ParentId, c.RequiredSpecKeys)).ToList());

    private static async Task<IResult> ReadAsync(Guid id, HttpContext context, MarketplaceDbContext db, MediaLinks media, CancellationToken ct)
    {
        var caller = context.User.ApiCaller()!;
        var listing = await db.Listings.AsNoTracking().Include(l => l.Variants).Include(l => l.ShippingOptions).AsSplitQuery()
            .FirstOrDefaultAsync(l => l.Id == id && l.SellerId == caller.SellerId, ct);
        return listing is null ? ApiProblems.Result(CatalogErrors.NotFound) : Results.Ok(ToApi(listing, media, context.Request));
    }

    private static async Task<IResult> CreateAsync(ApiListingInput? input, HttpContext context, SaveListing save, ApiStore store, MediaLinks media, CancellationToken ct)
    {
        var seller = await store.CurrentAsync(context, ct);
        if (Parse(input, seller.Currency) is not { } parsed)
        {
            return ApiProblems.Invalid(Errors(input, seller.Currency));
        }

        var created = await save.CreateAsync(seller, parsed, ct);
        return created.Succeeded
            ? Results.Created($"{ApiSetup.Prefix}/listings/{created.Value!.Id}", ToApi(created.Value, media, context.Request))
            : ApiProblems.Result(created.Error!);
    }

    private static async Task<IResult> UpdateAsync(Guid id, ApiListingInput? input, HttpContext context, SaveListing save, ApiStore store, MarketplaceDbContext db, MediaLinks media, CancellationToken ct)
    {
        var seller = await store.CurrentAsync(context, ct);
        var currency = await db.Listings.Where(l => l.Id == id && l.SellerId == seller.Id).Select(l => l.PriceFrom.Currency).FirstOrDefaultAsync(ct);
        if (currency is null)
        {
            return ApiProblems.Result(CatalogErrors.NotFound);
        }

        if (Parse(input, currency) is not { } parsed)
        {
            return ApiProblems.Invalid(Errors(input, currency));
        }

        // A typo in an id would otherwise replace the real variant with a new one (its carts and history lost).
        var known = await db.ListingVariants.Where(v => v.ListingId == id).Select(v => v.Id).ToListAsync(ct);
        var seen = new HashSet<Guid>();
        var unknown = (input?.Variants ?? []).Select((v, i) => (v?.Id, i)).Where(v => v.Id is { } given && (!known.Contains(given) || !seen.Add(given))).ToList();
        if (unknown.Count > 0)
        {
            return ApiProblems.Invalid(unknown.Select(u => ($"variants[{u.i}].id", "This listing has no variant with that id: leave id out to add a new variant.")));
        }

        var updated = await save.UpdateAsync(seller, id, parsed, ct);
        return updated.Succeeded ? Results.Ok(ToApi(updated.Value!, media, context.Request)) : ApiProblems.Result(updated.Error!);
    }

    private static async Task<IResult> StatusAsync(Guid id, ListingAction action, HttpContext context, ChangeListingStatus status, CancellationToken ct)
    {
        var store = context.RequestServices.GetRequiredService<ApiStore>();
        var media = context.RequestServices.GetRequiredService<MediaLinks>();
        var changed = await status.ExecuteAsync(await store.CurrentAsync(context, ct), id, action, ct);
        return changed.Succeeded ? Results.Ok(ToApi(changed.Value!, media, context.Request)) : ApiProblems.Result(changed.Error!);
    }

    private static async Task<IResult> AddPhotoAsync(Guid id, IFormFile? photo, HttpContext context, ListingImages images, ApiStore store, MarketplaceDbContext db, MediaLinks media, CancellationToken ct)
    {
        var seller = await store.CurrentAsync(context, ct);
        if (photo is null)
        {
            return ApiProblems.Result(ImageErrors.Empty);
        }

        await using var stream = photo.OpenReadStream();
        var added = await images.AddAsync(seller, id, stream, photo.Length, ct);
        if (!added.Succeeded)
        {
            return ApiProblems.Result(added.Error!);
        }

        var image = added.Value!;
        return Results.Created($"{ApiSetup.Prefix}/listings/{id}", new ApiPhoto(image.Id, Absolute(media.Url(image.StorageKey), context.Request), Absolute(media.Url(image.ThumbnailKey), context.Request), image.Position));
    }

    private static async Task<IResult> RemovePhotoAsync(Guid id, Guid photoId, HttpContext context, ListingImages images, ApiStore store, MarketplaceDbContext db, MediaLinks media, CancellationToken ct)
    {
        var seller = await store.CurrentAsync(context, ct);
        var photos = await db.Listings.Where(l => l.Id == id && l.SellerId == seller.Id).Select(l => l.Images.Select(i => i.Id).ToList()).FirstOrDefaultAsync(ct);
        if (photos is null)
        {
            return ApiProblems.Result(CatalogErrors.NotFound);
        }

        if (!photos.Contains(photoId))
        {
            return ApiProblems.Result(new DomainError("photo.not_found", "That listing has no photo with that id.", ErrorKind.NotFound));
        }

        var removed = await images.RemoveAsync(seller, id, photoId, ct);
        return removed.Succeeded ? Results.Ok(ToApi(removed.Value!, media, context.Request)) : ApiProblems.Result(removed.Error!);
    }

    private static async Task<IResult> UpdateInventoryAsync(ApiInventoryInput? input, HttpContext context, UpdateInventory inventory, ApiStore store, CancellationToken ct)
    {
        var done = await inventory.ExecuteAsync(await store.CurrentAsync(context, ct), input?.Items ?? [], ct);
        if (!done.Succeeded)
        {
            return ApiProblems.Result(done.Error!);
        }

        var items = done.Value!.Select(o => new ApiInventoryResult(
            o.Index,
            o.Succeeded ? "updated" : "failed",
            o.ListingId,
            o.VariantId,
            o.Sku,
            o.Price?.Amount,
            o.Stock,
            o.ListingStatus,
            o.Error?.Code,
            o.Error?.Message)).ToList();
        return Results.Ok(new ApiInventoryResponse(items.Count(i => i.Code is null), items.Count(i => i.Code is not null), items));
    }

    public static ApiListing ToApi(Listing l, MediaLinks media, HttpRequest request) => new(
        l.Id,
        l.Title,
        l.Description,
        l.CategoryId,
        l.Language,
        l.HandlingDays,
        l.Status,
        l.ModerationNote,
        l.PriceFrom.Currency,
        ApiMoney.From(l.PriceFrom),
        l.Specs.OrderBy(s => s.Position).Select(s => new ApiSpec(s.Key, s.Value)).ToList(),
        l.Variants.OrderBy(v => v.Position).Select(v => new ApiVariant(v.Id, v.Sku, v.Name, v.Price.Amount, v.Stock)).ToList(),
        l.ShippingOptions.OrderBy(o => o.DestinationCountry is null).ThenBy(o => o.DestinationCountry, StringComparer.Ordinal).ThenBy(o => o.Method)
            .Select(o => new ApiShippingOption(o.DestinationCountry ?? ListingForm.AllOtherCountries, o.Method, o.Carrier, o.Price.Amount, o.MinDays, o.MaxDays)).ToList(),
        l.Images.OrderBy(i => i.Position).Select(i => new ApiPhoto(i.Id, Absolute(media.Url(i.StorageKey), request), Absolute(media.Url(i.ThumbnailKey), request), i.Position)).ToList(),
        l.CreatedAt,
        l.UpdatedAt,
        l.PublishedAt);

    /// <summary>The page's links are relative ("/media/…"); the API's are whole addresses, on the public URL (never the request's Host).</summary>
    private static string Absolute(string url, HttpRequest request) =>
        url.StartsWith('/') ? request.HttpContext.RequestServices.GetRequiredService<PublicLinks>().To(url) : url;

    /// <summary>The API's listing as the editor's form, so both doors check it the same way (prices typed invariantly).</summary>
    private static ListingForm Form(ApiListingInput? input, string currency)
    {
        string Price(long? amount) => amount is { } a ? Money.FormatPlain(new Money(a, currency), CultureInfo.InvariantCulture) : string.Empty;
        return new ListingForm
        {
            Title = input?.Title ?? string.Empty,
            Description = input?.Description,
            CategoryId = input?.CategoryId,
            Language = input?.Language,
            HandlingDays = input?.HandlingDays ?? 3,
            Specs = (input?.Specs ?? []).Select(s => new ListingForm.SpecRow { Key = s?.Key, Value = s?.Value }).ToList(),
            Variants = (input?.Variants ?? []).Select(v => new ListingForm.VariantRow { Id = v?.Id, Sku = v?.Sku, Name = v?.Name, Price = Price(v?.Price), Stock = v?.Stock }).ToList(),
            Shipping = (input?.Shipping ?? []).Select(o => new ListingForm.ShippingRow
            {
                Country = o?.Country,
                Method = o?.Method ?? ShippingMethod.Standard,
                Carrier = o?.Carrier,
                Price = Price(o?.Price),
                MinDays = o?.MinDays,
                MaxDays = o?.MaxDays,
            }).ToList(),
        };
    }

    private static ListingInput? Parse(ApiListingInput? input, string currency) =>
        Errors(input, currency, out var parsed).Count == 0 ? parsed : null;

    private static List<(string Field, string Message)> Errors(ApiListingInput? input, string currency) => Errors(input, currency, out _);

    private static List<(string Field, string Message)> Errors(ApiListingInput? input, string currency, out ListingInput? parsed)
    {
        var errors = new List<(string Field, string Message)>();
        if (input is null)
        {
            errors.Add((string.Empty, "Send the listing as a JSON object: title, categoryId, variants and shipping at least."));
        }

        errors.AddRange((input?.Specs ?? []).Select((row, i) => (row, i)).Where(r => r.row is null).Select(r => ($"specs[{r.i}]", "An empty row: remove it.")));
        errors.AddRange((input?.Variants ?? []).Select((row, i) => (row, i)).Where(r => r.row is null).Select(r => ($"variants[{r.i}]", "An empty row: remove it.")));
        errors.AddRange((input?.Shipping ?? []).Select((row, i) => (row, i)).Where(r => r.row is null).Select(r => ($"shipping[{r.i}]", "An empty row: remove it.")));
        parsed = Check(Form(input, currency), currency, errors);
        return errors;
    }

    /// <summary>The form's attribute checks (title, category, handling time), then its row checks.</summary>
    private static ListingInput? Check(ListingForm form, string currency, List<(string Field, string Message)> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true);
        foreach (var result in results)
        {
            errors.AddRange(result.MemberNames.Select(m => (JsonField(m), result.ErrorMessage ?? "Invalid.")));
        }

        if (form.Language is { Length: > 0 } language && !Languages.Listed.Contains(language))
        {
            errors.Add(("language", $"Give one of: {string.Join(", ", Languages.Listed)} (or leave it out)."));
        }

        var rows = new List<(string Field, Text Message)>();
        var parsed = form.Parse(currency, string.Empty, rows, CultureInfo.InvariantCulture);
        errors.AddRange(rows.Select(r => (JsonField(r.Field), ForApi(r.Message, currency).ToString())));
        return results.Count == 0 && errors.Count == 0 ? parsed : null;
    }

    /// <summary>The editor asks for prices as typed ("12.99"); the API takes minor units.</summary>
    private static Text ForApi(Text message, string currency) => message.Template switch
    {
        "Enter a price above zero, like 12.99 ({0})." => Text.Of("Give the price in minor units, above zero (1299 for 12.99 {0}).", currency),
        "Enter the shipping price, or 0 for free shipping." => Text.Of("Give the shipping price in minor units, or 0 for free shipping."),
        _ => message,
    };

    /// <summary>"Variants[0].Price" → "variants[0].price".</summary>
    private static string JsonField(string field)
    {
        var parts = field.TrimStart('.').Split('.');
        return string.Join('.', parts.Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
    }
}

/// <summary>Enum values in query strings as the JSON writes them ("pending_review"), any case; a wrong one is a 422 naming the right ones.</summary>
public static class ApiEnums
{
    public static bool TryRead<T>(string? text, out T? value, out IResult? problem)
        where T : struct, Enum
    {
        value = null;
        problem = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (Enum.TryParse<T>(text.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            value = parsed;
            return true;
        }

        var names = string.Join(", ", Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(n)));
        problem = ApiProblems.Result(DomainError.Of("query.status", "“{0}” isn't a status here. Use one of: {1}.", text, names));
        return false;
    }
}

/// <summary>A position in a list: the time and id of the last row seen (newest first, ties by id).</summary>
public sealed record ApiCursor(DateTimeOffset At, Guid Id);

/// <summary>Keyset paging, newest first: the cursor names the last row of the page, so rows added meanwhile never shift a page.</summary>
public static class ApiPaging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static bool TryRead(string? cursor, int? limit, out ApiCursor? after, out int take, out IResult? problem)
    {
        after = null;
        take = limit ?? DefaultLimit;
        problem = null;
        if (take is < 1 or > MaxLimit)
        {
            problem = ApiProblems.Result(DomainError.Of("paging.limit", "limit is from 1 to {0}.", MaxLimit));
            return false;
        }

        if (cursor is null)
        {
            return true;
        }

        var parts = cursor.Split('_');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            problem = ApiProblems.Result(new DomainError("paging.cursor", "That cursor isn't one this API gave out: start again without it."));
            return false;
        }

        after = new ApiCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }

    /// <summary>The first <paramref name="take"/> rows (one more was read to know whether another page follows).</summary>
    public static ApiPage<TOut> Page<TIn, TOut>(IReadOnlyList<TIn> rows, int take, Func<TIn, ApiCursor> key, Func<TIn, TOut> map) =>
        new(rows.Take(take).Select(map).ToList(), rows.Count > take && key(rows[take - 1]) is var last ? $"{last.At.UtcTicks}_{last.Id:N}" : null);
}

/// <summary>The store the request's token acts for (loaded once per request).</summary>
public sealed class ApiStore(MarketplaceDbContext db)
{
    private Domain.Sellers.Seller? _seller;

    public async Task<Domain.Sellers.Seller> CurrentAsync(HttpContext context, CancellationToken ct)
    {
        var caller = context.User.ApiCaller() ?? throw new InvalidOperationException("Not an API request.");
        return _seller ??= await db.Sellers.FirstAsync(s => s.Id == caller.SellerId, ct);
    }
}
