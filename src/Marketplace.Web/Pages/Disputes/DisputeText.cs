using Marketplace.Domain.Disputes;

namespace Marketplace.Web.Pages.Disputes;

/// <summary>Dispute states in the words the pages use.</summary>
public static class DisputeText
{
    public static string Status(DisputeStatus status) => status switch
    {
        DisputeStatus.AwaitingSeller => "Waiting for the seller",
        DisputeStatus.CounterOffered => "Offer to answer",
        DisputeStatus.Rejected => "Rejected, can be escalated",
        DisputeStatus.AwaitingReturn => "Send the item back",
        DisputeStatus.ReturnShipped => "Return on its way",
        DisputeStatus.Escalated => "With an admin",
        DisputeStatus.Resolved => "Settled",
        _ => "Withdrawn",
    };
}
