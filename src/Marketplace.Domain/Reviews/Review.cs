using Marketplace.Domain.Common;
using Marketplace.Domain.Orders;

namespace Marketplace.Domain.Reviews;

/// <summary>
/// A verified buyer's review of one order line (SPEC §5): only the order's buyer, only once receipt is confirmed
/// (or the order completed), once per line; 1–5 stars, text, up to <see cref="MaxPhotos"/> photos.
/// </summary>
public sealed class Review
{
    public const int MaxPhotos = 5;
    public const int MaxTextLength = 2000;

    private readonly List<ReviewPhoto> _photos = [];

    private Review()
    {
        Text = string.Empty;
    }

    private Review(Order order, OrderLine line, int stars, string text, DateTimeOffset now)
    {
        Id = Ids.New();
        OrderId = order.Id;
        OrderLineId = line.Id;
        ListingId = line.ListingId;
        SellerId = order.SellerId;
        BuyerId = order.BuyerId;
        Stars = stars;
        Text = text;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid OrderLineId { get; private set; }

    public Guid ListingId { get; private set; }

    public Guid SellerId { get; private set; }

    public Guid BuyerId { get; private set; }

    public int Stars { get; private set; }

    public string Text { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<ReviewPhoto> Photos => _photos;

    /// <summary>True when the order is far enough along for its buyer to review it.</summary>
    public static bool CanReview(Order order) => order.Status is OrderStatus.Confirmed or OrderStatus.Completed;

    /// <summary>Writes the review; the caller checks the line hasn't been reviewed (a unique index backs it).</summary>
    public static Result<Review> Write(Order order, Guid buyerId, Guid lineId, int stars, string? text, DateTimeOffset now)
    {
        var line = order.Lines.FirstOrDefault(l => l.Id == lineId);
        if (order.BuyerId != buyerId || line is null)
        {
            return ReviewErrors.NotFound;
        }

        if (!CanReview(order))
        {
            return ReviewErrors.NotYet;
        }

        if (stars is < 1 or > 5)
        {
            return ReviewErrors.Stars;
        }

        var body = text?.Trim() ?? string.Empty;
        if (body.Length > MaxTextLength)
        {
            return ReviewErrors.TooLong;
        }

        return Result<Review>.Ok(new Review(order, line, stars, body, now));
    }

    public void AddPhoto(string key, string thumbnailKey)
    {
        if (_photos.Count >= MaxPhotos)
        {
            throw new InvalidOperationException($"A review has at most {MaxPhotos} photos.");
        }

        _photos.Add(new ReviewPhoto(key, thumbnailKey, _photos.Count));
    }
}

public sealed class ReviewPhoto
{
    private ReviewPhoto()
    {
        Key = string.Empty;
        ThumbnailKey = string.Empty;
    }

    internal ReviewPhoto(string key, string thumbnailKey, int position)
    {
        Id = Ids.New();
        Key = key;
        ThumbnailKey = thumbnailKey;
        Position = position;
    }

    public Guid Id { get; private set; }

    public string Key { get; private set; }

    public string ThumbnailKey { get; private set; }

    public int Position { get; private set; }
}

public static class ReviewErrors
{
    public static readonly DomainError NotFound = new("review.not_found", "That order line isn't yours to review.", ErrorKind.NotFound);
    public static readonly DomainError NotYet = new("review.not_yet", "You can review this once you've confirmed you received it.");
    public static readonly DomainError Stars = new("review.stars", "Choose from 1 to 5 stars.");
    public static readonly DomainError TooLong = DomainError.Of("review.too_long", "Keep the review under {0} characters.", Review.MaxTextLength);
    public static readonly DomainError Already = new("review.already", "You already reviewed this item.", ErrorKind.Conflict);
    public static readonly DomainError TooManyPhotos = DomainError.Of("review.photos", "Add at most {0} photos.", Review.MaxPhotos);
}
