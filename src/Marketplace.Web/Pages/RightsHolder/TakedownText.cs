using Marketplace.Domain.Trust;
using Marketplace.Web.Infrastructure;

namespace Marketplace.Web.Pages.RightsHolder;

public static class TakedownText
{
    public static string Status(TakedownStatus status) => status switch
    {
        TakedownStatus.Submitted => Localization.Texts["Submitted"],
        TakedownStatus.UnderReview => Localization.Texts["Under review"],
        TakedownStatus.ListingRemoved => Localization.Texts["Listing removed"],
        TakedownStatus.Rejected => Localization.Texts["Rejected"],
    };

    /// <summary>What became of a seller's counter-notice: "Restored" (the listing is back) or "Dismissed" (the takedown stands).</summary>
    public static string Outcome(CounterNoticeOutcome outcome) => outcome switch
    {
        CounterNoticeOutcome.Restored => Localization.Texts["Restored"],
        CounterNoticeOutcome.Dismissed => Localization.Texts["Dismissed"],
    };
}
