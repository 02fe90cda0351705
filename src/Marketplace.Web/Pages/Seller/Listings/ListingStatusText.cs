using Marketplace.Domain.Catalog;

namespace Marketplace.Web.Pages.Seller.Listings;

/// <summary>Listing states in the seller's words, with their badge colour.</summary>
public static class ListingStatusText
{
    public static string Label(ListingStatus status) => status switch
    {
        ListingStatus.Published => "Published",
        ListingStatus.Draft => "Draft",
        ListingStatus.Unpublished => "Unpublished",
        ListingStatus.Archived => "Archived",
        ListingStatus.PendingReview => "Waiting for review",
        ListingStatus.TakenDown => "Taken down",
    };

    public static string Badge(ListingStatus status) => status switch
    {
        ListingStatus.Published => "text-bg-success",
        ListingStatus.Draft => "text-bg-secondary",
        ListingStatus.Unpublished => "text-bg-warning",
        ListingStatus.Archived => "text-bg-light",
        ListingStatus.PendingReview => "text-bg-info",
        ListingStatus.TakenDown => "text-bg-danger",
    };
}
