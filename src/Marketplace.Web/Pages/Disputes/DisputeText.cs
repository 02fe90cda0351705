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
        DisputeStatus.Reshipping => Localization.Texts["Item being sent again"],
        DisputeStatus.Escalated => Localization.Texts["With an admin"],
        DisputeStatus.Resolved => Localization.Texts["Settled"],
        _ => Localization.Texts["Withdrawn"],
    };

    public static string Issue(DisputeIssue issue) => Words.Render(Dispute.Describe(issue));

    /// <summary>What the buyer asks for or the seller offers: "a full refund of €46.51".</summary>
    public static string Request(Dispute dispute, DisputeRemedy remedy, long? amount) => Words.Render(dispute.Describe(remedy, amount));

    /// <summary>
    /// A partial refund typed in the dispute's currency, in minor units; or the error to show: why it can't be read (yen
    /// have no decimals, too many digits…) when something was typed, else the range a partial refund must be in.
    /// </summary>
    public static Result<long> Amount(string? typed, string currency)
    {
        if (MoneyText.TryParse(typed, currency, System.Globalization.CultureInfo.CurrentCulture, out var parsed, out var problem))
        {
            return Result<long>.Ok(parsed.Amount);
        }

        return problem is not null && !string.IsNullOrWhiteSpace(typed) ? DomainError.From(DisputeErrors.BadAmount.Code, problem) : DisputeErrors.BadAmount;
    }
}
