using Marketplace.Domain.Common;

namespace Marketplace.Domain.Trust;

/// <summary>
/// A buyer reports a package they never ordered (SPEC §5 "brushing": sellers ship cheap items to real addresses to
/// fake orders and reviews). The tracking number is matched against shipments; a match marks that seller for admins.
/// </summary>
public sealed class BrushingReport
{
    public const int MaxTextLength = 1000;

    private BrushingReport()
    {
        TrackingNumber = string.Empty;
        WhatArrived = string.Empty;
    }

    private BrushingReport(Guid reporterId, string trackingNumber, string whatArrived, DateTimeOffset now)
    {
        Id = Ids.New();
        ReporterId = reporterId;
        TrackingNumber = trackingNumber;
        WhatArrived = whatArrived;
        ReportedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid ReporterId { get; private set; }

    /// <summary>Upper case, without spaces or dashes, as shipments are compared.</summary>
    public string TrackingNumber { get; private set; }

    public string WhatArrived { get; private set; }

    public DateTimeOffset ReportedAt { get; private set; }

    /// <summary>The order shipped with this tracking number, when there is one.</summary>
    public Guid? MatchedOrderId { get; private set; }

    /// <summary>The seller who shipped it: marked for admins.</summary>
    public Guid? MatchedSellerId { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public string? ReviewNote { get; private set; }

    public static string Normalize(string? tracking) =>
        new((tracking ?? string.Empty).Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    public static Result<BrushingReport> Submit(Guid reporterId, string? trackingNumber, string? whatArrived, DateTimeOffset now)
    {
        var tracking = Normalize(trackingNumber);
        if (tracking.Length is < 6 or > 60)
        {
            return BrushingErrors.Tracking;
        }

        if (string.IsNullOrWhiteSpace(whatArrived) || whatArrived.Trim().Length > MaxTextLength)
        {
            return BrushingErrors.WhatArrived;
        }

        return Result<BrushingReport>.Ok(new BrushingReport(reporterId, tracking, whatArrived.Trim(), now));
    }

    public void MatchTo(Guid orderId, Guid sellerId) => (MatchedOrderId, MatchedSellerId) = (orderId, sellerId);

    public Result<DateTimeOffset> Review(string? note, DateTimeOffset now)
    {
        if (ReviewedAt is not null)
        {
            return BrushingErrors.Reviewed;
        }

        if (string.IsNullOrWhiteSpace(note) || note.Trim().Length > MaxTextLength)
        {
            return BrushingErrors.Note;
        }

        ReviewNote = note.Trim();
        ReviewedAt = now;
        return Result<DateTimeOffset>.Ok(now);
    }
}

public static class BrushingErrors
{
    public static readonly DomainError Tracking = new("brushing.tracking", "Type the tracking number printed on the package (6–60 letters or digits).");
    public static readonly DomainError WhatArrived = DomainError.Of("brushing.what", "Say what arrived (up to {0} characters).", BrushingReport.MaxTextLength);
    public static readonly DomainError Note = new("brushing.note", "Write what you found or did.");
    public static readonly DomainError Reviewed = new("brushing.reviewed", "Another admin already reviewed this report.", ErrorKind.Conflict);
    public static readonly DomainError NotFound = new("brushing.not_found", "No such report.", ErrorKind.NotFound);
}
