using Marketplace.Domain.Trust;

namespace Marketplace.Web.Pages.RightsHolder;

public static class TakedownText
{
    public static string Status(TakedownStatus status) => status switch
    {
        TakedownStatus.Submitted => "Submitted",
        TakedownStatus.UnderReview => "Under review",
        TakedownStatus.ListingRemoved => "Listing removed",
        TakedownStatus.Rejected => "Rejected",
    };
}
