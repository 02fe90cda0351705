using Marketplace.Domain.Common;

namespace Marketplace.Core.Payments;

public sealed record CardDetails(string Number, string Expiry, string Cvc, string NameOnCard);

/// <summary>The simulated provider's card network: Stripe's test numbers decide the outcome, nothing leaves the machine.</summary>
public static class SimulatedCards
{
    public const string Succeeds = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";

    public static readonly DomainError InvalidNumber = new("card.number", "Enter the card number: 16 digits, e.g. 4242 4242 4242 4242.");
    public static readonly DomainError InvalidExpiry = new("card.expiry", "Enter the expiry date as MM/YY.");
    public static readonly DomainError ExpiredCard = new("card.expired", "This card has expired.");
    public static readonly DomainError InvalidCvc = new("card.cvc", "Enter the 3 or 4 digit security code.");
    public static readonly DomainError DeclinedError = new("card.declined", "Your card was declined. Nothing was charged; try another card.", ErrorKind.Conflict);
    public static readonly DomainError InsufficientFundsError = new("card.insufficient_funds", "Your card has insufficient funds. Nothing was charged; try another card.", ErrorKind.Conflict);
    public static readonly DomainError UnknownTestCard = new("card.unknown", "The simulated provider only knows test cards: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined, 4000 0000 0000 9995 has insufficient funds.", ErrorKind.Conflict);

    /// <summary>Checks the form (the buyer's mistakes), then what the "bank" says. Null when the charge succeeds.</summary>
    public static DomainError? Charge(CardDetails card, DateTimeOffset now)
    {
        var number = new string((card.Number ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (number.Length != 16 || (card.Number ?? string.Empty).Any(c => !char.IsAsciiDigit(c) && c != ' ' && c != '-'))
        {
            return InvalidNumber;
        }

        var expiry = (card.Expiry ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Split('/');
        if (expiry.Length != 2 || !int.TryParse(expiry[0], out var month) || !int.TryParse(expiry[1], out var year) || month is < 1 or > 12 || expiry[1].Length is not (2 or 4))
        {
            return InvalidExpiry;
        }

        year = year < 100 ? 2000 + year : year;
        if (year < now.Year || (year == now.Year && month < now.Month))
        {
            return ExpiredCard;
        }

        if ((card.Cvc ?? string.Empty).Trim() is not { Length: 3 or 4 } cvc || !cvc.All(char.IsAsciiDigit))
        {
            return InvalidCvc;
        }

        return number switch
        {
            Succeeds => null,
            Declined => DeclinedError,
            InsufficientFunds => InsufficientFundsError,
            _ => UnknownTestCard,
        };
    }
}
