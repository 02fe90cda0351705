using Marketplace.Core.Messaging;
using Marketplace.Domain.Orders;
using Marketplace.Domain.Trust;
using Marketplace.Web.Infrastructure;

namespace Marketplace.Web.Pages.Messages;

/// <summary>What a conversation box shows: the thread (null before the first message), who reads it and whether they can write.</summary>
public sealed record ConversationBox(ConversationThread? Thread, Actor Me, string With, bool CanWrite, string? Heading = null);

/// <summary>The detector's signals in the words the pages use.</summary>
public static class MessageText
{
    public static string Signal(OffPlatformSignal signal) => signal switch
    {
        OffPlatformSignal.Email => Localization.Texts["shares an e-mail address"],
        OffPlatformSignal.Phone => Localization.Texts["shares a phone number"],
        OffPlatformSignal.Messenger => Localization.Texts["moves the chat to another app"],
        OffPlatformSignal.PaymentLink => Localization.Texts["contains a payment link"],
        OffPlatformSignal.OffPlatformPayment => Localization.Texts["asks for payment outside Marketplace"],
        OffPlatformSignal.DisputePressure => Localization.Texts["offers money to drop a dispute or review"],
        OffPlatformSignal.ExternalLink => Localization.Texts["sends you to another shop or website"],
        OffPlatformSignal.LearnedScore => Localization.Texts["reads like an attempt to deal outside Marketplace"],
    };

    public static string Signals(IEnumerable<OffPlatformSignal> signals) => string.Join(", ", signals.Select(Signal));
}
