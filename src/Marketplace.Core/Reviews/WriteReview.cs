using Marketplace.Core.Catalog;
using Marketplace.Core.Data;
using Marketplace.Core.Storage;
using Marketplace.Domain.Common;
using Marketplace.Domain.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Reviews;

/// <summary>A photo chosen on the review form.</summary>
public sealed record PhotoUpload(string FileName, Stream Content, long Length);

/// <summary>
/// The buyer reviews one line of their order. Photos are checked before anything is saved; the review and the
/// listing's rating totals change in one transaction; a second review of the same line (even at the same moment)
/// is refused by a unique index.
/// </summary>
public sealed class WriteReview(MarketplaceDbContext db, IFileStorage storage, TimeProvider clock)
{
    public async Task<Result<Review>> ExecuteAsync(Guid buyerId, Guid orderId, Guid lineId, int stars, string? text, IReadOnlyList<PhotoUpload> photos, CancellationToken ct = default)
    {
        var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId && o.BuyerId == buyerId, ct);
        if (order is null)
        {
            return ReviewErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        var written = Review.Write(order, buyerId, lineId, stars, text, now);
        if (!written.Succeeded)
        {
            return written;
        }

        if (await db.Reviews.AnyAsync(r => r.OrderLineId == lineId, ct))
        {
            return ReviewErrors.Already;
        }

        if (photos.Count > Review.MaxPhotos)
        {
            return ReviewErrors.TooManyPhotos;
        }

        var encoded = new List<EncodedPhoto>();
        foreach (var photo in photos)
        {
            var checkedPhoto = await ListingImages.CheckAndEncodeAsync(photo.Content, photo.Length, ct);
            if (!checkedPhoto.Succeeded)
            {
                return DomainError.Of(checkedPhoto.Error!.Code, checkedPhoto.Error.Kind, "{0}: {1}", Path.GetFileName(photo.FileName), checkedPhoto.Error.AsText);
            }

            encoded.Add(checkedPhoto.Value!);
        }

        var review = written.Value!;
        foreach (var photo in encoded)
        {
            var stem = $"reviews/{review.Id:N}/{Ids.New():N}";
            await SaveFileAsync(stem + ".jpg", photo.Main, ct);
            await SaveFileAsync(stem + "-thumb.jpg", photo.Thumb, ct);
            review.AddPhoto(stem + ".jpg", stem + "-thumb.jpg");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Reviews.Add(review);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return ReviewErrors.Already;
        }

        await db.Listings.Where(l => l.Id == review.ListingId)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.RatingCount, l => l.RatingCount + 1).SetProperty(l => l.RatingTotal, l => l.RatingTotal + stars), ct);
        await Catalog.CatalogChangeInterceptor.TouchAsync(db, [review.ListingId]);
        await transaction.CommitAsync(ct);
        return Result<Review>.Ok(review);
    }

    private async Task SaveFileAsync(string key, byte[] bytes, CancellationToken ct)
    {
        using var stream = new MemoryStream(bytes);
        await storage.SaveAsync(key, stream, ct);
    }
}
