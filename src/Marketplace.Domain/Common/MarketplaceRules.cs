namespace Marketplace.Domain.Common;

/// <summary>
/// Every timer and rate of SPEC §2–4 in one record: the defaults come from configuration (<c>Marketplace:Rules</c>),
/// an admin changes them on /Admin/Rules (each change a new numbered version), and every order copies the version
/// in force when it is placed, so a change applies to orders placed after it and never to one already placed.
/// </summary>
public sealed record MarketplaceRules
{
    /// <summary>0: the configured defaults, never changed by an admin; each admin change adds one.</summary>
    public int Version { get; init; }

    /// <summary>How long stock stays reserved for an order that isn't paid.</summary>
    public TimeSpan PaymentWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The longest handling time a seller may promise; the ship-by time is payment + the listing's handling days.</summary>
    public int MaxHandlingDays { get; init; } = 7;

    /// <summary>How long a seller has to answer a buyer's cancellation request before it is granted by itself.</summary>
    public TimeSpan CancellationReplyWindow { get; init; } = TimeSpan.FromHours(48);

    /// <summary>Buyer protection after receipt is confirmed (or after the delivery deadline).</summary>
    public TimeSpan ProtectionPeriod { get; init; } = TimeSpan.FromDays(15);

    /// <summary>A dispute can be opened this long after shipping (or as soon as receipt is confirmed).</summary>
    public TimeSpan DisputeOpensAfterShipping { get; init; } = TimeSpan.FromDays(10);

    /// <summary>The seller's time to accept, counter or reject a dispute; then the buyer's request is granted.</summary>
    public TimeSpan SellerReplyWindow { get; init; } = TimeSpan.FromDays(5);

    /// <summary>A dispute with no agreement this long after it was opened goes to an admin.</summary>
    public TimeSpan EscalationWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The buyer's time to send an item back with tracking once a return is agreed.</summary>
    public TimeSpan ReturnShipWindow { get; init; } = TimeSpan.FromDays(10);

    /// <summary>The seller's time to confirm a returned item after its delivery; then the refund goes out.</summary>
    public TimeSpan ReturnConfirmWindow { get; init; } = TimeSpan.FromDays(10);

    /// <summary>A payment still frozen this long after capture is raised to the top of the admin queue (Stripe holds about 90 days).</summary>
    public TimeSpan HoldCeiling { get; init; } = TimeSpan.FromDays(85);

    /// <summary>The platform's commission where a category sets none, in basis points (800 = 8 %).</summary>
    public int CommissionBasisPoints { get; init; } = 800;

    /// <summary>The bounds each value must keep (field name, message); empty when the rules make sense.</summary>
    public IReadOnlyList<(string Field, Text Message)> Problems()
    {
        var problems = new List<(string, Text)>();
        void Check(bool ok, string field, Text message)
        {
            if (!ok)
            {
                problems.Add((field, message));
            }
        }

        Check(PaymentWindow >= TimeSpan.FromMinutes(5) && PaymentWindow <= TimeSpan.FromHours(24), nameof(PaymentWindow), Text.Of("The time to pay is 5 minutes to 24 hours."));
        Check(MaxHandlingDays is >= 1 and <= 30, nameof(MaxHandlingDays), Text.Of("The longest handling time is 1 to 30 days."));
        Check(CancellationReplyWindow >= TimeSpan.FromHours(1) && CancellationReplyWindow <= TimeSpan.FromDays(14), nameof(CancellationReplyWindow), Text.Of("The seller's time to answer a cancellation is 1 hour to 14 days."));
        Check(ProtectionPeriod >= TimeSpan.FromDays(1) && ProtectionPeriod <= TimeSpan.FromDays(60), nameof(ProtectionPeriod), Text.Of("Buyer protection lasts 1 to 60 days."));
        Check(DisputeOpensAfterShipping >= TimeSpan.FromDays(1) && DisputeOpensAfterShipping <= TimeSpan.FromDays(60), nameof(DisputeOpensAfterShipping), Text.Of("Disputes open 1 to 60 days after shipping (receipt confirmed opens them at once)."));
        Check(SellerReplyWindow >= TimeSpan.FromDays(1) && SellerReplyWindow <= TimeSpan.FromDays(30), nameof(SellerReplyWindow), Text.Of("The seller's time to answer a dispute is 1 to 30 days."));
        Check(EscalationWindow >= TimeSpan.FromDays(1) && EscalationWindow <= TimeSpan.FromDays(60), nameof(EscalationWindow), Text.Of("Escalation comes 1 to 60 days after opening."));
        Check(EscalationWindow >= SellerReplyWindow, nameof(EscalationWindow), Text.Of("Escalation can't come before the seller's time to answer has run out."));
        Check(ReturnShipWindow >= TimeSpan.FromDays(1) && ReturnShipWindow <= TimeSpan.FromDays(60), nameof(ReturnShipWindow), Text.Of("The time to send a return is 1 to 60 days."));
        Check(ReturnConfirmWindow >= TimeSpan.FromDays(1) && ReturnConfirmWindow <= TimeSpan.FromDays(60), nameof(ReturnConfirmWindow), Text.Of("The time to confirm a return is 1 to 60 days."));
        Check(HoldCeiling >= TimeSpan.FromDays(7) && HoldCeiling <= TimeSpan.FromDays(89), nameof(HoldCeiling), Text.Of("The hold ceiling is 7 to 89 days: the provider holds a payment about 90 days at most."));
        Check(CommissionBasisPoints is >= 0 and <= 5000, nameof(CommissionBasisPoints), Text.Of("The commission is 0 % to 50 %."));
        return problems;
    }

    /// <summary>The handling time an order gets from a listing: the seller's, at most the longest allowed.</summary>
    public int HandlingDaysFor(int listingHandlingDays) => Math.Clamp(listingHandlingDays, 1, MaxHandlingDays);

    /// <summary>The day a dispute can first be opened, counted from the shipping day (day 1): "11th" for 10 days.</summary>
    public string DisputeOpensOnDay => Durations.Ordinal(DisputeOpensDay);

    /// <summary>The day a dispute can first be opened, counted from the shipping day (day 1): 11 for 10 days.</summary>
    public int DisputeOpensDay => (int)Math.Ceiling(DisputeOpensAfterShipping.TotalDays) + 1;

    /// <summary>The commission in words, e.g. "8%" or "7.5%".</summary>
    public static string Percent(int basisPoints) =>
        (basisPoints / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";
}

/// <summary>Durations in the words people read ("15 days", "48 hours", "30 minutes"), so no page repeats a rule's value.</summary>
public static class Durations
{
    /// <summary>Whole days beyond two days, else whole hours, else minutes (rounded up): "15 days", "48 hours", "30 minutes".</summary>
    public static string InWords(TimeSpan span)
    {
        var (n, unit) = Split(span);
        return Count(n, unit);
    }

    /// <summary>The number and unit ("day", "hour" or "minute") <see cref="InWords"/> writes, for translated pages.</summary>
    public static (long Count, string Unit) Split(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 && span.TotalHours > 48 ? ((long)span.TotalDays, "day")
        : span.Ticks % TimeSpan.TicksPerHour == 0 && span.TotalHours >= 1 ? ((long)span.TotalHours, "hour")
        : ((long)Math.Ceiling(span.TotalMinutes), "minute");

    public static string Days(int days) => Count(days, "day");

    public static string Count(long n, string unit) => n == 1 ? $"1 {unit}" : $"{n.ToString(System.Globalization.CultureInfo.InvariantCulture)} {unit}s";

    public static string Ordinal(int n)
    {
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return n.ToString(System.Globalization.CultureInfo.InvariantCulture) + suffix;
    }
}
