using Marketplace.Core.Data;
using Marketplace.Domain.Common;
using Marketplace.Domain.Trust;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Core.Trust;

public sealed record BrushingView(BrushingReport Report, string ReporterName, string? OrderNumber, string? StoreName, Guid? SellerUserId, int SellerReports, bool OwnOrder);

/// <summary>Unsolicited-package reports: matched against shipments on arrival, reviewed by admins (audited).</summary>
public sealed class BrushingReports(MarketplaceDbContext db, TimeProvider clock)
{
    public async Task<Result<BrushingReport>> SubmitAsync(Guid reporterId, string? trackingNumber, string? whatArrived, CancellationToken ct = default)
    {
        var submitted = BrushingReport.Submit(reporterId, trackingNumber, whatArrived, clock.GetUtcNow());
        if (!submitted.Succeeded)
        {
            return submitted;
        }

        var report = submitted.Value!;
        var shipments = await db.Orders.AsNoTracking()
            .Where(o => o.TrackingNumber != null && o.TrackingNumber.ToUpper().Replace(" ", string.Empty).Replace("-", string.Empty) == report.TrackingNumber)
            .Select(o => new { o.Id, o.SellerId })
            .FirstOrDefaultAsync(ct);
        if (shipments is not null)
        {
            report.MatchTo(shipments.Id, shipments.SellerId);
        }

        db.BrushingReports.Add(report);
        await db.SaveChangesAsync(ct);
        return submitted;
    }

    public async Task<Result<BrushingReport>> ReviewAsync(Guid adminId, Guid reportId, string? note, CancellationToken ct = default)
    {
        var report = await db.BrushingReports.FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null)
        {
            return BrushingErrors.NotFound;
        }

        var now = clock.GetUtcNow();
        var reviewed = report.Review(note, now);
        if (!reviewed.Succeeded)
        {
            return reviewed.Error!;
        }

        db.Record(adminId, AdminActions.ReviewBrushing, "BrushingReport", report.Id, report.ReviewNote!, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return BrushingErrors.Reviewed;
        }

        return Result<BrushingReport>.Ok(report);
    }

    public async Task<IReadOnlyList<BrushingView>> ForReporterAsync(Guid reporterId, CancellationToken ct = default) =>
        await View(db.BrushingReports.Where(r => r.ReporterId == reporterId)).ToListAsync(ct);

    /// <summary>Unreviewed reports first (matched ones first among them), then the latest reviewed.</summary>
    public async Task<IReadOnlyList<BrushingView>> AdminQueueAsync(CancellationToken ct = default) =>
        (await View(db.BrushingReports, waitingFirst: true).ToListAsync(ct))
            .OrderBy(v => v.Report.ReviewedAt is null ? 0 : 1)
            .ThenBy(v => v.Report.MatchedSellerId is null ? 1 : 0)
            .ThenByDescending(v => v.Report.ReportedAt)
            .ToList();

    /// <summary>The latest 200; with <paramref name="waitingFirst"/>, the unreviewed come first whatever their number.</summary>
    private IQueryable<BrushingView> View(IQueryable<BrushingReport> reports, bool waitingFirst = false) =>
        (from r in reports
         join u in db.Users on r.ReporterId equals u.Id
         orderby waitingFirst && r.ReviewedAt == null ? 0 : 1, r.ReportedAt descending
         select new BrushingView(
             r,
             u.DisplayName,
             db.Orders.Where(o => o.Id == r.MatchedOrderId).Select(o => o.Number).FirstOrDefault(),
             db.Sellers.Where(s => s.Id == r.MatchedSellerId).Select(s => s.StoreName).FirstOrDefault(),
             db.Sellers.Where(s => s.Id == r.MatchedSellerId).Select(s => (Guid?)s.UserId).FirstOrDefault(),
             db.BrushingReports.Count(x => x.MatchedSellerId != null && x.MatchedSellerId == r.MatchedSellerId),
             db.Orders.Any(o => o.Id == r.MatchedOrderId && o.BuyerId == r.ReporterId)))
        .Take(200);
}
