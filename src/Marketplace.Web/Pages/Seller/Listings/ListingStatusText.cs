using Marketplace.Domain.Catalog;
using Marketplace.Web.Infrastructure;

namespace Marketplace.Web.Pages.Seller.Listings;

/// <summary>Listing states in the seller's words, with their badge colour.</summary>
public static class ListingStatusText
{
    public static string Label(ListingStatus status) => status switch
    {
        ListingStatus.Published => Localization.Texts["Published"],
        ListingStatus.Draft => Localization.Texts["Draft"],
        ListingStatus.Unpublished => Localization.Texts["Unpublished"],
        ListingStatus.Archived => Localization.Texts["Archived"],
        ListingStatus.PendingReview => Localization.Texts["Waiting for review"],
        ListingStatus.TakenDown => Localization.Texts["Taken down"],
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
