namespace Marketplace.Domain.Catalog;

/// <summary>The listing's review totals, kept on the row so search can filter by rating in SQL.</summary>
public sealed partial class Listing
{
    public int RatingCount { get; private set; }

    /// <summary>The sum of all stars; the average is <c>RatingTotal / RatingCount</c>.</summary>
    public int RatingTotal { get; private set; }
}
