using Marketplace.Core.Messaging;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Trust;

namespace Marketplace.Web.Pages.Messages;

/// <summary>What a conversation box shows: the thread (null before the first message), who reads it and whether they can write.</summary>
public sealed record ConversationBox(ConversationThread? Thread, Actor Me, string With, bool CanWrite, string Heading = "Messages");

/// <summary>The detector's signals in the words the pages use.</summary>
public static class MessageText
{
    public static string Signal(OffPlatformSignal signal) => signal switch
    {
        OffPlatformSignal.Email => "shares an e-mail address",
        OffPlatformSignal.Phone => "shares a phone number",
        OffPlatformSignal.Messenger => "moves the chat to another app",
        OffPlatformSignal.PaymentLink => "contains a payment link",
        OffPlatformSignal.OffPlatformPayment => "asks for payment outside Marketplace",
        OffPlatformSignal.DisputePressure => "offers money to drop a dispute or review",
        OffPlatformSignal.ExternalLink => "sends you to another shop or website",
    };

    public static string Signals(IEnumerable<OffPlatformSignal> signals) => string.Join(", ", signals.Select(Signal));
}
