using Marketplace.Domain.Common;
using Marketplace.Domain.Disputes;
using Marketplace.Web.Infrastructure;

namespace Marketplace.Web.Pages.Disputes;

/// <summary>Dispute states, issues and requests in the words the pages use, in the person's language.</summary>
public static class DisputeText
{
    public static string Status(DisputeStatus status) => status switch
    {
        DisputeStatus.AwaitingSeller => Localization.Texts["Waiting for the seller"],
        DisputeStatus.CounterOffered => Localization.Texts["Offer to answer"],
        DisputeStatus.Rejected => Localization.Texts["Rejected, can be escalated"],
        DisputeStatus.AwaitingReturn => Localization.Texts["Send the item back"],
        DisputeStatus.ReturnShipped => Localization.Texts["Return on its way"],
        DisputeStatus.Escalated => Localization.Texts["With an admin"],
        DisputeStatus.Resolved => Localization.Texts["Settled"],
        _ => Localization.Texts["Withdrawn"],
    };

    public static string Issue(DisputeIssue issue) => issue switch
    {
        DisputeIssue.NotReceived => Localization.Texts["item not received"],
        DisputeIssue.NotAsDescribed => Localization.Texts["not as described"],
        DisputeIssue.Damaged => Localization.Texts["arrived damaged"],
        DisputeIssue.Counterfeit => Localization.Texts["counterfeit"],
        DisputeIssue.ServiceCommitmentBroken => Localization.Texts["service commitment broken"],
        _ => Localization.Texts["abusive seller"],
    };

    /// <summary>What the buyer asks for or the seller offers: "a full refund of €46.51".</summary>
    public static string Request(Dispute dispute, DisputeRemedy remedy, long? amount) => remedy switch
    {
        DisputeRemedy.FullRefund => Localization.Texts["a full refund of {0}", dispute.Total],
        DisputeRemedy.PartialRefund => Localization.Texts["a partial refund of {0}, keeping the item", new Money(amount ?? 0, dispute.Currency)],
        DisputeRemedy.ReturnForRefund => Localization.Texts["a return for a full refund of {0}", dispute.Total],
        DisputeRemedy.Reship => Localization.Texts["sending the item again"],
        _ => Localization.Texts["no refund (the seller keeps the payment)"],
    };
}
