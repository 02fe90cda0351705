using System.Text.RegularExpressions;
using PhoneNumbers;

namespace Marketplace.Domain.Trust;

/// <summary>Why a message was flagged (docs/trust-and-safety.md lists what each one looks for).</summary>
public enum OffPlatformSignal
{
    /// <summary>An e-mail address, written plainly or disguised ("john at gmail dot com", "arroba", "собака", "艾特").</summary>
    Email,

    /// <summary>A phone number (found with libphonenumber, told apart from order, tracking, EAN, IMEI and tax numbers).</summary>
    Phone,

    /// <summary>Moving the chat to a messenger app or social network, including nicknames and disguises ("the green app", "vx", "тг").</summary>
    Messenger,

    /// <summary>A link, QR code or wallet address to pay with.</summary>
    PaymentLink,

    /// <summary>Asking to pay or refund outside the platform (Pix, Bizum, SEPA, IBAN, Alipay, Zelle, crypto, gift cards...).</summary>
    OffPlatformPayment,

    /// <summary>Pressure to cancel a dispute, return or review in exchange for money sent some other way.</summary>
    DisputePressure,

    /// <summary>A link to another shop or website (not the platform's, not a carrier's tracking page), or "search my shop on Google".</summary>
    ExternalLink,

    /// <summary>No rule matched, but the learned model (trained on labelled and moderated messages) scores it at or above its flag threshold.</summary>
    LearnedScore,
}

/// <summary>One reason a message was flagged, with the words that triggered it.</summary>
public sealed record SignalHit(OffPlatformSignal Signal, string Evidence);

/// <summary>
/// Finds messages that take a conversation or its money off the platform (SPEC §5), in English, Spanish, Portuguese,
/// French, German, Russian and Chinese. Pure and deterministic. Structure first: e-mail addresses, phone numbers
/// (libphonenumber, with the conversation's countries as hints; order, tracking, EAN/ISBN/IMEI, postcode and tax numbers
/// told apart by checksum and the words before them), links and wallet addresses; then words, on the text read as
/// <see cref="MessageText"/> (look-alike letters folded, symbols for letters undone, spelled-out words joined), each
/// signal with its own lexicon, contact intent and per-language negation. Measured in docs/trust-and-safety.md.
/// </summary>
public static partial class OffPlatformDetector
{
    private static readonly string[] _defaultRegions = ["US", "GB", "BR", "PT", "ES", "MX", "FR", "BE", "DE", "AT", "CH", "IT"];

    public static IReadOnlyList<SignalHit> Scan(string? text) => Scan(text, []);

    /// <summary>Scans with <paramref name="regions"/> (ISO country codes, e.g. the buyer's and the seller's) as phone-number hints.</summary>
    public static IReadOnlyList<SignalHit> Scan(string? text, IReadOnlyCollection<string> regions)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var message = MessageText.Read(text);
        var hits = new List<SignalHit>();
        FindEmail(message, hits);
        FindPhone(message, regions, hits);
        FindMessenger(message, hits);
        FindPaymentLink(message, hits);
        FindOffPlatformPayment(message, hits);
        FindDisputePressure(message, hits);
        FindExternalLink(message, hits);
        return hits;
    }

    private static void Add(List<SignalHit> hits, OffPlatformSignal signal, string evidence)
    {
        if (!hits.Any(h => h.Signal == signal))
        {
            hits.Add(new SignalHit(signal, evidence.Trim()));
        }
    }

    private static void FindEmail(MessageText message, List<SignalHit> hits)
    {
        // A no-reply sender quoted from a notification isn't anybody's contact ("the confirmation came from noreply@…").
        var found = EmailAddress().Matches(message.Plain).FirstOrDefault(m => !NoReply().IsMatch(m.Value)) is { } plain ? plain
            : EmailAddress().Matches(message.Squeezed).FirstOrDefault(m => !NoReply().IsMatch(m.Value)) is { } squeezed ? squeezed
            : DisguisedEmail().Match(message.Squeezed) is { Success: true } disguised ? disguised
            : MailProvider().Match(message.Folded) is { Success: true } provider ? provider
            : MailProvider().Match(message.Squeezed);
        // "the Gmail app is preinstalled" names the app, not an address.
        if (found.Success && found.Value.Trim().All(char.IsLetter) && MailApp().IsMatch(message.Folded))
        {
            found = Match.Empty;
        }

        if (!found.Success && ContactElsewhere().Match(message.Folded) is { Success: true } shown && MailWord().IsMatch(shown.Value) && !Negated(message.Folded, shown.Index))
        {
            found = shown;
        }

        if (found.Success)
        {
            Add(hits, OffPlatformSignal.Email, found.Value);
        }
    }

    private static void FindPhone(MessageText message, IReadOnlyCollection<string> regions, List<SignalHit> hits)
    {
        if (AskForContact().Match(message.Folded) is { Success: true } ask && !Negated(message.Folded, ask.Index))
        {
            Add(hits, OffPlatformSignal.Phone, ask.Value);
            return;
        }

        // "my number is in my profile picture", "los datos están en la foto 3": the details are shown where the chat can't read them.
        if (ContactElsewhere().Match(message.Folded) is { Success: true } shown && !MailWord().IsMatch(shown.Value) && !Negated(message.Folded, shown.Index))
        {
            Add(hits, OffPlatformSignal.Phone, shown.Value);
            return;
        }

        var text = message.Digits;
        var contact = PhoneWords().IsMatch(message.Folded);
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var hints = regions.Select(r => r.ToUpperInvariant())
            .Concat(message.HasCyrillic ? ["RU", "KZ", "UA", "BY"] : [])
            .Concat(message.HasHan ? ["CN", "HK", "TW"] : [])
            .Concat(_defaultRegions);
        foreach (var region in hints.Where(tried.Add))
        {
            foreach (var match in PhoneNumberUtil.GetInstance().FindNumbers(text, region, PhoneNumberUtil.Leniency.VALID, long.MaxValue))
            {
                if (!NumberCodes.IsSomethingElse(text, match.Start, match.RawString))
                {
                    Add(hits, OffPlatformSignal.Phone, match.RawString);
                    return;
                }
            }
        }

        // A number cut in two so that no part looks like one: "699 21. Lo que falta es 4 53 87", "后面是34 5678"; announced in
        // parts ("first bit is 312 55, the rest in the next msg"); or read out in pieces ("starts +44 79 then 11 then 123").
        var digitCount = text.Count(char.IsAsciiDigit);
        if ((RestOfNumber().IsMatch(message.Folded) && digitCount is >= 9 and <= 15)
            || (FirstPart().IsMatch(message.Folded) && (RestOfNumber().IsMatch(message.Folded) || NextMessage().IsMatch(message.Folded) || PhonePieces().IsMatch(text)) && digitCount is >= 4 and <= 15)
            || (PhonePieces().Match(text) is { Success: true } pieces && pieces.Value.Count(char.IsAsciiDigit) is >= 8 and <= 15 && (contact || pieces.Value.Contains('+', StringComparison.Ordinal) || ThreeOrMorePieces(pieces.Value))))
        {
            Add(hits, OffPlatformSignal.Phone, RestOfNumber().Match(message.Folded).Value);
            return;
        }

        // Digits the phone rules can't place (a country they don't know, a number cut in two) next to "call me" and the like.
        foreach (Match run in DigitRun().Matches(text))
        {
            var count = run.Value.Count(char.IsAsciiDigit);
            if (count is >= 7 and <= 15 && (contact || SingleDigits().IsMatch(run.Value)) && !NumberCodes.IsSomethingElse(text, run.Index, run.Value))
            {
                Add(hits, OffPlatformSignal.Phone, run.Value);
                return;
            }
        }
    }

    private static void FindMessenger(MessageText message, List<SignalHit> hits)
    {
        if (MessengerLink().Match(message.Squeezed) is { Success: true } link)
        {
            Add(hits, OffPlatformSignal.Messenger, link.Value);
            return;
        }

        if (Euphemism().Match(message.Folded) is { Success: true } euphemism && !Negated(message.Folded, euphemism.Index))
        {
            Add(hits, OffPlatformSignal.Messenger, euphemism.Value);
            return;
        }

        var intentAnywhere = ContactIntent().IsMatch(message.Folded) || Handle().IsMatch(message.Folded);
        var weakHaveYou = (string sentence, Match app) => HaveYou().IsMatch(sentence) && sentence[(app.Index + app.Length)..].TrimStart().StartsWith('?');
        foreach (var sentence in Sentences(message.Folded))
        {
            foreach (Match app in MessengerApp().Matches(sentence))
            {
                // A disguised name is itself the signal: nobody spells "w h a t s a p p" with Cyrillic letters to ask about a phone's features.
                var disguised = !message.Original.ToLowerInvariant().Contains(app.Value.Trim(), StringComparison.Ordinal) && app.Value.Trim().Length >= 4;
                var feature = FeatureQuestion().IsMatch(sentence);
                var intentHere = ContactIntent().IsMatch(sentence) || Handle().IsMatch(sentence);
                var weak = WeakApp().IsMatch(app.Value);
                var intent = intentHere || (!feature && ((!weak && (intentAnywhere || HaveYou().IsMatch(sentence))) || (weak && (intentAnywhere || weakHaveYou(sentence, app)))));
                if (Negated(sentence, app.Index) || (feature && !disguised && !intentHere))
                {
                    continue;
                }

                if (disguised || intent)
                {
                    Add(hits, OffPlatformSignal.Messenger, app.Value);
                    return;
                }
            }
        }

        if (AddMeById().Match(message.Folded) is { Success: true } id && !Negated(message.Folded, id.Index))
        {
            Add(hits, OffPlatformSignal.Messenger, id.Value);
        }
    }

    private static void FindPaymentLink(MessageText message, List<SignalHit> hits)
    {
        // Addresses and cashtags are read from the text as written (their case matters); words from the folded text.
        if (Wallet().Match(message.Plain) is { Success: true } wallet && (wallet.Value.StartsWith("bc1", StringComparison.Ordinal) || wallet.Value.StartsWith("0x", StringComparison.Ordinal) || wallet.Value.Any(char.IsLower)))
        {
            Add(hits, OffPlatformSignal.PaymentLink, wallet.Value);
            return;
        }

        if (CashTag().Match(message.Plain) is { Success: true } tag)
        {
            Add(hits, OffPlatformSignal.PaymentLink, tag.Value);
            return;
        }

        var found = PaymentUrl().Match(message.Folded) is { Success: true } url ? url : PayWithQr().Match(message.Folded);
        if (found.Success && !Negated(message.Folded, found.Index))
        {
            Add(hits, OffPlatformSignal.PaymentLink, found.Value);
        }
    }

    private static void FindOffPlatformPayment(MessageText message, List<SignalHit> hits)
    {
        // A report of someone else's offer ("they asked me for Zelle, I reported them") names methods innocently.
        var reporting = Reporting().IsMatch(message.Folded);
        foreach (var sentence in Sentences(message.Folded))
        {
            if (OnPlatformOnly().IsMatch(sentence))
            {
                continue;
            }

            if (Iban().Matches(message.Plain).FirstOrDefault(m => NumberCodes.IsIban(m.Value)) is { } iban)
            {
                Add(hits, OffPlatformSignal.OffPlatformPayment, iban.Value);
                return;
            }

            // A question about a product's features ("o celular roda o app do banco pra fazer Pix?") names methods innocently.
            foreach (var method in FeatureQuestion().IsMatch(sentence) ? [] : PaymentMethod().Matches(sentence).ToList())
            {
                var weak = WeakMethod().IsMatch(method.Value);
                if (Negated(sentence, method.Index) || reporting || RefusedAfter().IsMatch(sentence[(method.Index + method.Length)..]) || (weak && !PayIntent().IsMatch(sentence)))
                {
                    continue;
                }

                Add(hits, OffPlatformSignal.OffPlatformPayment, method.Value);
                return;
            }

            if ((OutsideThePlatform().Match(sentence) is { Success: true } outside || (outside = CancelThenPay().Match(sentence)).Success)
                && !Negated(sentence, outside.Index) && !NegatedAfter().IsMatch(sentence[(outside.Index + outside.Length)..]) && !reporting)
            {
                Add(hits, OffPlatformSignal.OffPlatformPayment, outside.Value);
                return;
            }
        }

        if (CashAndCancel().Match(message.Folded) is { Success: true } cash && !Negated(message.Folded, cash.Index) && !reporting)
        {
            Add(hits, OffPlatformSignal.OffPlatformPayment, cash.Value);
        }
    }

    private static void FindDisputePressure(MessageText message, List<SignalHit> hits)
    {
        // Dropping it in exchange for money, a gift or a free item, or to settle "between us".
        if (DropTheCase().Match(message.Folded) is { Success: true } drop && (Money().IsMatch(message.Folded) || Incentive().IsMatch(message.Folded)))
        {
            Add(hits, OffPlatformSignal.DisputePressure, drop.Value);
        }
        else if (ConfirmFirst().Match(message.Folded) is { Success: true } confirm && Incentive().IsMatch(message.Folded))
        {
            // "mark it as received, I'll send the rest later": the escrow released before the buyer has what they paid for.
            Add(hits, OffPlatformSignal.DisputePressure, confirm.Value);
        }
    }

    private static void FindExternalLink(MessageText message, List<SignalHit> hits)
    {
        var plainHosts = Domain().Matches(message.Plain.ToLowerInvariant()).Select(d => d.Groups["host"].Value).Where(NumberCodes.IsAllowedHost)
            .Select(h => MessageText.Read(h).Folded).ToHashSet(StringComparer.Ordinal);
        foreach (var text in new[] { message.Plain.ToLowerInvariant(), message.Squeezed, message.Folded })
        {
            foreach (Match domain in Domain().Matches(text))
            {
                var host = domain.Groups["host"].Value;
                var afterAt = domain.Index > 0 && text[..domain.Index].TrimEnd().EndsWith('@');
                if (!afterAt && !plainHosts.Contains(host) && (!NumberCodes.IsAllowedHost(host) || Shortener().IsMatch(host)))
                {
                    Add(hits, OffPlatformSignal.ExternalLink, domain.Value);
                    return;
                }
            }
        }

        var search = SearchMyShop().Match(message.Folded) is { Success: true } s ? s
            : OwnWebsite().Match(message.Folded) is { Success: true } own ? own
            : SpokenDomain().Match(message.Folded) is { Success: true } spoken ? spoken
            : OtherMarketplace().Match(message.Folded) is { Success: true } other ? other
            : TaoCode().Match(message.Folded);
        if (search.Success && !Negated(message.Folded, search.Index))
        {
            Add(hits, OffPlatformSignal.ExternalLink, search.Value);
        }
    }

    private static string[] Sentences(string text) => SentenceEnd().Split(text);

    private static bool ThreeOrMorePieces(string pieces) => PieceJoin().Count(pieces) >= 2;

    /// <summary>A negation in the words just before (per language): "we don't take PayPal", "no hacemos Bizum", "不要私下转账".</summary>
    private static bool Negated(string text, int index)
    {
        var cjk = index > 0 && text[index - 1] is >= '\u4e00' and <= '\u9fff';
        var start = Math.Max(0, index - (cjk ? 5 : 30));
        var before = text[start..index];
        // "chama no zap", "me segue no insta": a bare "no"/"na" just before the word, after another word, is Portuguese "in the".
        before = InTheBefore().Replace(before, string.Empty);
        return Negation().IsMatch(before);
    }

    [GeneratedRegex(@"[\w.+-]+\s?@\s?[\w-]+(?:\s?\.\s?[\w-]+)*\s?\.\s?[a-z]{2,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"[\w.+-]{2,}(?:\s?[\(\[\{<]\s?(?:at|ät|arroba|arobase|собака|艾特)\s?[\)\]\}>]\s?|\s(?:at|ät|arroba|arobase|собака)\s|\s?艾特\s?)[\w-]{2,}(?:\s?\.\s?|\s?[\(\[\{<]\s?(?:dot|punto|ponto|point|punkt|точка|点)\s?[\)\]\}>]\s?|\s?(?:dot|punto|ponto|point|punkt|точка|点)\s?)(?:[a-z]{2,3}\b|com|net|org|info)", RegexOptions.IgnoreCase)]
    private static partial Regex DisguisedEmail();

    [GeneratedRegex(@"@\s*(?:gmail|hotmail|yahoo|outlook|icloud|proton|aol|gmx|yandex|mail\.ru|qq|163)|\b(?:gmail|hotmail|yahoo\s?mail|outlook\s?(?:dot|\.)\s?com|icloud\s?(?:dot|\.)\s?com|protonmail|proton\s?(?:dot|\.)\s?me|mail\s?(?:dot|\.)\s?ru|qq\s?(?:dot|\.)\s?com)\b|\bmy\s+(?:e-?mail|mail)\s+(?:is|address)\b|\be-?mail\s+me\b|\b(?:mi\s+correo\s+es|meu\s+e-?mail\s+[ée]|mon\s+(?:adresse\s+)?(?:e-?)?mail\s+(?:c'est|est)|meine\s+(?:e-?)?mail(?:adresse)?\s*(?:ist|:)|мой\s+(?:e-?mail|имейл|почта)|我的邮箱)")]
    private static partial Regex MailProvider();

    [GeneratedRegex(@"\b(?:give|send|tell|share|text)\s+me\s+your\s+(?:phone\s+|mobile\s+|cell\s+|whats\s?app\s+|personal\s+)?(?:number|e-?mail|contact)|\b(?:what'?s|whats)\s+your\s+(?:phone\s+|whats\s?app\s+)?number|\b(?:p[aá]same|m[aá]ndame|dame)\s+tu\s+(?:n[uú]mero|tel[eé]fono|correo|whats)|\b(?:me\s+)?(?:passa|manda)\s+(?:o\s+)?seu\s+(?:n[uú]mero|zap|whats|telefone|e-?mail)|\b(?:donne|envoie|envoyez|donnez)[- ]moi\s+(?:ton|votre)\s+(?:num[ée]ro|mail|e-?mail|t[ée]l[ée]phone)|\b(?:gib|schick)\s+mir\s+deine\s+(?:nummer|handynummer|mail)|\b(?:дай|дайте|скинь|скиньте|напиши|напишите)\s+(?:свой|ваш|твой)\s+(?:номер|телефон|почту|email)|(?:给我|发我|留个?)(?:你的)?(?:电话|手机号|号码|微信号|邮箱)|\b(?:what'?s|whats|wats)\s+(?:ur|your|yr)\s+(?:e-?mail|mail|number|phone|cell|whats\w*|digits)|\b(?:drop|send|give|share|text|leave|pm)\s+(?:me\s+)?(?:ur|your|yr)\s+(?:phone\s+|cell\s+|mobile\s+|whats\s?app\s+)?(?:number|e-?mail|contact|digits|cell)|\b(?:p[aá]same|m[aá]ndame|dame|d[ií]me|env[ií]ame)\s+tu\s+(?:n[uú]mero|tel[eé]fono|cel(?:ular)?|correo|mail|e-?mail|whats\w*|wsp)|\bcu[aá]l\s+es\s+tu\s+(?:n[uú]mero|correo|mail|e-?mail|whats\w*)|\b(?:me\s+)?(?:passa|manda|d[aá])\s+(?:o\s+)?(?:teu|seu)\s+(?:n[uú]mero|zap|whats|telefone|cel(?:ular)?|e-?mail|contato)|\bqual\s+(?:[eé]\s+)?(?:o\s+)?(?:teu|seu)\s+(?:n[uú]mero|zap|whats|telefone|cel|e-?mail)|\b(?:laisse|laissez|file)[- ]moi\s+(?:ton|votre)\s+(?:num[ée]ro|mail|e-?mail|t[ée]l[ée]phone|portable|insta|snap)|\b(?:tu\s+peux|vous\s+pouvez|peux-tu|pouvez-vous)\s+me\s+(?:donner|envoyer|laisser)\s+(?:ton|votre)\s+(?:num[ée]ro|adresse|mail|e-?mail|t[ée]l[ée]phone)|\bc'est\s+quoi\s+(?:ton|votre)\s+(?:num|mail|insta|snap|whats)|\b(?:gib|schick|schreib|sag)\s+mir\s+(?:mal\s+)?deine\s+(?:nummer|handynummer|telefonnummer|e-?mail|mail(?:adresse)?)|\b(?:какой|дай\w*|скинь\w*)\s+(?:у\s+тебя\s+|у\s+вас\s+)?(?:свой\s+|ваш\s+)?(?:номер|телефон|почт\w*)|(?:手机号|电话|号码|微信号?|邮箱)\s*(?:多少|是多少|发我|给我)|\b(?:what'?s|whats|send|give|share)\s+(?:me\s+)?(?:ur|your)\s+(?:paypal|zelle|venmo|revolut|personal|private|real)\s+(?:e-?mail|number|phone)|\b(?:donne|envoie|envoyez|donnez|file|passe)[- ]moi\s+(?:ton|votre)\s+adresse\s+(?:e-?)?mail|\btu\s+me\s+(?:files|donnes|passes|envoies|laisses)\s+(?:ton|ta|votre)\s+(?:num\w*|0[67]|mail|e-?mail|adresse|insta|snap|whats\w*|t[ée]l\w*)|\b(?:tu\s+peux|vous\s+pouvez|peux-tu|pouvez-vous)\s+me\s+(?:donner|envoyer|laisser|filer|passer)\s+(?:ton|votre)\s+0[67]\b|\b(?:ihre|deine)\s+(?:e-?mail(?:-?adresse)?|handynummer|telefonnummer|nummer)\s+bitte\b|\bhaben\s+sie\s+(?:eine\s+)?(?:handynummer|telefonnummer|e-?mail(?:-?adresse)?|whats\w*)\b|\b(?:дай|дайте|скинь|скиньте|напиши|напишите|пришли|пришлите)\s+(?:свою|вашу|твою)\s+(?:почт\w*|электронк\w*)|\b(?:скинь|скиньте|дай|дайте)\s+(?:свой\s+|ваш\s+)?(?:номерок|телефончик|почту|мыло)\b|留个?(?:联系方式|电话|手机|邮箱)|\bdrop\s+(?:me\s+)?(?:your|ur)\s+(?:e-?mail|mail|number|mobile|cell)\b|\b(?:got|have)\s+a\s+(?:number|phone|cell)\s+(?:i\s+can|to)\s+(?:text|call|reach)|\bme\s+(?:pasas|das|dejas)\s+tu\s+(?:correo|mail|e-?mail|n[uú]mero|cel\w*|tel[eé]fono|whats\w*)\b|\bd[eé]jame\s+tu\s+(?:mail|correo|n[uú]mero|cel\w*|tel[eé]fono)\b|\btienes\s+(?:un\s+)?(?:n[uú]mero|whats\w*|correo)\s+para\b|\bdeix[ae]\s+(?:o\s+)?(?:seu|teu)\s+(?:contact\w*|n[uú]mero|e-?mail)\b")]
    private static partial Regex AskForContact();

    [GeneratedRegex(@"(?:\+|\b)\d[\d\s().\-/]{5,}\d\b")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"(?:\d[\s.\-]){6,}\d")]
    private static partial Regex SingleDigits();

    [GeneratedRegex(@"\b(?:the\s+rest(?:\s+is)?|rest\s+of\s+(?:it|the\s+number)|lo\s+que\s+falta|el\s+resto|o\s+resto|le\s+reste|la\s+suite|der\s+rest|остальн\w*|дальше)\b|后面是|后面|剩下")]
    private static partial Regex RestOfNumber();

    [GeneratedRegex(@"\b(?:call|calling|phone|mobile|cell|tel|text me|sms|ring me|whats\s?app|(?:my|phone|mobile|cell)\s+number|contact me|reach me|ll[aá]m(?:a|ame|e)|m[aá]rcame|n[uú]mero|telefone?|celular|liga|ligue|m[oó]vil|appelle[zr]?|appel|portable|num[ée]ro|ruf|anruf|nummer|handy|звони|позвони|номер|телефон|смс|whatsapp)\b|打我?电话|电话|手机|号码|短信|打给我")]
    private static partial Regex PhoneWords();

    [GeneratedRegex(@"\b(?:wa\.me/\S+|t\.me/\S+|chat\.whatsapp\.com/\S+|line\.me/\S+|u\.wechat\.com/\S+)")]
    private static partial Regex MessengerLink();

    [GeneratedRegex(@"\b(?:the\s+)?green\s+app\b|\bapp\s+verde\b|\bappli(?:cation)?\s+verte\b|\bgr[üu]ne[n]?\s+app\b|зел[её]н\w*\s+(?:приложени|мессенджер)\w*|绿色(?:软件|app|的app)|小绿")]
    private static partial Regex Euphemism();

    [GeneratedRegex(@"what\s?s\s?app|whatsap+|\bthe\s+gram\b|\bw?u?att?s+ap+\b|\buatsap\b|\bвк\b|\bvk\b|вконтакт\w*|\b(?:no|en|auf)\s+face\b|微亻言|薇亻言|\btelegr[ae]n\b|\btele\b|wh?atsap+|watsap+|wts\s?app|\bwhats\b|\bzap(?:zap)?\b|\bwpp\b|\bwasap\b|\bguasap\b|\bwassap\b|вотсап\w*|вацап\w*|ватсап\w*|tele\s?gram|telegrm|\btg\b|\bтг\b|телег\w*|тележк\w*|\bwsp\b|\bwa\b|телеграм\w*|电报|飞机|we\s?chat|weixin|微信(?!支付)|\bvx\b|\bwx\b|v\s?信|薇信|威信|viber|вайбер\w*|\bline\b|\bsignal\b|skype|snap\s?chat|\bsnap\b|\bkik\b|discord|\bqq\b|扣扣|insta(?:gram)?|\bинст\w*|\big\b|facebook|\bfb\b|фейсбук\w*|messenger|kakao\w*|imessage|tiktok")]
    private static partial Regex MessengerApp();

    [GeneratedRegex(@"\b(?:imessage|whats\s?app|wts\s?app|viber|telegram|signal|snap(?:chat)?|kik|line|we\s?chat|skype|discord|app)\s+me\b|\bmy\s+(?:whats\s?app|viber|telegram|we\s?chat|signal|line|insta\w*|snap\w*|kik|skype)\b|\b(?:add|write|text|message|msg|dm|contact|reach|find|follow|search|ping|hit)\s+(?:me|us)\b|\bhit\s+me\s+up\b|\bme\s+(?:on|at)\s+(?:whats|tele|we|vi|insta|fb|face|sig|line)|\b(?:talk|chat|continue|move|speak|reply|go)\s+(?:on|in|over|to|via)\b|\blet'?s\s+(?:talk|chat|continue|move|go)\b|\b(?:i'?m|we'?re|i\s+am)\s+on\b|\bmy\s+(?:id|username|user|handle|account|name|page|profile)\b|\b(?:username|user\s?name|handle|nick)\b|\bsame\s+name\b|\b(?:escr[ií]b\w*|agr[eé]g\w*|a[nñ]ad\w*|habl\w*|p[aá]sa(?:te|me)|m[aá]ndame\w*|contact\w*|b[uú]sca\w*|s[ií]gue\w*)\b|\bpor\s+(?:el|la|whats|wasap|guasap|telegram|insta|dm)\b|\b(?:me\s+)?(?:chama|adiciona|add|segue|procura)\b|\bchama\s+n[oa]\b|\bfala\s+comigo\b|\bvamos\s+conversar\b|\bme\s+manda\b|\b(?:[ée]cri(?:s|vez|re)|ajoute[zr]?|contacte[zr]?|cherche[zr]?|rejoins|rejoignez)\b|\bon\s+passe\b|\bpassons\b|\bsuis\s+sur\b|\b(?:\w*schreib\w*|meld\w*|kontaktier\w*|such\w*|adde?)\b|\bpassa\s+(?:o|a|teu|seu)\b|\bdm[- ]?(?:moi|me)\b|\b(?:in|dans|en|na|no|in\s+meiner)\s+(?:my|ma|mi|minha|meu)?\s*bio\b|\bhmu\b|\bare\s+you\s+on\b|\bcontinuer\s+sur\b|\bwechseln\s+wir\b|\blieber\s+[üu]ber\b|\bte\s+paso\b|\bon\s+passe\s+sur\b|\bvamos\s+falar\b|\bmejor\s+por\b|\bобщаться\s+в\b|\bпиши\w*\s+в\b|\bbora\s+(?:pro|pra|no|na)\b|\bvamos\s+(?:pro|pra)\b|\b(?:viens|venez)\b|\b(?:en|na|no|per|in|via|par)\s+(?:dm|pv|mp|privado|priv[ée])\b|\bв\s+директ\w*|\blass\s+uns\b|\bf[üu]g\w*\s+mich\b|\bbin\s+(?:auf|bei)\b|\b(?:напиш\w*|пиши\w*|добав\w*|перейд\w*|переход\w*|свяж\w*|найд\w*|ищи\w*|пишем)\b|\bдавай(?:те)?\s+в\b|\bв\s+личк\w*|\bник\b|加我|加个|加一下|联系我|找我|私聊|去.{0,8}聊|搜|加好友|好友")]
    private static partial Regex ContactIntent();

    [GeneratedRegex(@"^(?:line|signal|messenger|fb|facebook|insta(?:gram)?|ig|qq|tiktok|whats|wa|wsp|snap|tele)$")]
    private static partial Regex WeakApp();

    [GeneratedRegex(@"\b(?:do\s+you\s+(?:have|use)|you\s+got|got)\b|\b(?:tienes|usas)\b|\b(?:tem|usa|voc[eê]\s+tem|vc\s+tem)\b|\b(?:as[- ]tu|avez[- ]vous|vous\s+avez|t'as)\b|\b(?:hast\s+du|haben\s+sie|nutzt\s+du)\b|\bесть\b|有没有|你有|用不用|有\s*\S{1,10}\s*吗")]
    private static partial Regex HaveYou();

    [GeneratedRegex(@"(?<![\w.])@[\p{L}0-9_.]{3,}|\bid\s*[:：]|\bid\s+[\p{L}0-9_]{4,}|[:：]\s*[a-z][a-z0-9_.]{3,}\b|微信号|号[:：]")]
    private static partial Regex Handle();

    [GeneratedRegex(@"\b(?:supports?|compatible|compat[ií]vel|work(?:s|ing)?\s+with|notifications?|install|calls?\s+work|run|runs|funciona\w*|notificaci\w*|suporta\w*|roda|rodar|notifica\w*|fonctionne\w*|marche\s+avec|unterst[üu]tzt|funktioniert|benachrichtigung\w*|kompatibel|поддерживает|работает|уведомлени\w*|установ\w*)\b|支持|能用|通知|兼容|能不能装|可以装")]
    private static partial Regex FeatureQuestion();

    [GeneratedRegex(@"(?:加我|加|扫).{0,6}(?:二维码|好友)|加个?\s?(?:v|vx|wx|微|薇|威)(?![a-z])|加我?\s?(?:qq|扣扣|vx|wx|微信)\s?[:：]?\s?\d{5,}|[薇威][^\p{L}\d\s]{1,3}信|(?:加我|加)\s?(?:(?:vx|wx|v|微信|qq|扣扣|id)\s?)?(?:[:：]\s?)?[a-z][a-z0-9_]{4,}|\badd\s+me\b.{0,20}\b(?:id|username)\b|\bscan\b.{0,20}\bqr\b.{0,30}\b(?:add|friend|chat)\b")]
    private static partial Regex AddMeById();

    [GeneratedRegex(@"\b(?:https?://)?(?:www\.)?(?:paypal\.(?:me|com/paypalme)|venmo\.com|cash\.app|revolut\.me|wise\.com/pay|buy\.stripe\.com|pay\.google|monzo\.me|ko-fi\.com|lydia(?:-app)?\.(?:com|me)|mpago\.(?:la|li)|mercadopago\.\w+|pag\.ae|pagseguro\.\w+|picpay\.me|qr\.alipay\.com|skrill\.me|buymeacoffee\.com|paysera\.\w+)(?:/\S*)?|\b(?:paypal|pp)\s*\.?\s*me\s*/\s*\w+")]
    private static partial Regex PaymentUrl();

    [GeneratedRegex(@"\b(?:bc1[a-z0-9]{25,60}|[13][a-km-zA-HJ-NP-Z1-9]{25,34}|0x[a-fA-F0-9]{40}|T[1-9A-HJ-NP-Za-km-z]{33})\b")]
    private static partial Regex Wallet();

    [GeneratedRegex(@"(?<![\w$])\$[a-zA-Z][a-zA-Z0-9_]{2,}\b")]
    private static partial Regex CashTag();

    [GeneratedRegex(@"(?:\bqr\b|qr-?код\w*|二维码|收款码|付款码).{0,40}(?:\bpa(?:y|gar|go|gamento|ga|yer|iement)\w*|деньг\w*|\bmoney\b|\bdinero\b|\bdinheiro\b|\bargent\b|\bgeld\b|钱|\bzahl\w*|\bbezahl\w*|оплат\w*|付款|付|支付|收款|转账|\bbank\w*|\bbanco\b|\bbancaire\b)|(?:\bpa(?:y|gar|gue|ga|yez|iement)\w*|\bzahl\w*|оплат\w*|付款|支付|扫).{0,40}(?:\bqr\b|qr-?код\w*|二维码|收款码|付款码)|\b(?:link|enlace|lien|ссылк\w*)\s+(?:de\s+|для\s+|на\s+)?(?:pago|pagamento|paiement|оплат\w*)\b|\bpayment\s+link\b|\bzahlungslink\b|付款链接|收款链接|оплат\w*\s+по\s+ссылке\s+\S+")]
    private static partial Regex PayWithQr();

    [GeneratedRegex(@"(?<=[!?;。！？\n])|(?<=[.])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\b(?:cancel\w*|cancela\w*|cancele|annule\w*|storn\w*|отмени\w*)\s+(?:\w+\s+){0,4}(?:and|y|e|et|und|и)\s+(?:\w+\s+){0,2}(?:pay\w*|pag\w*|pai\w*|zahl\w*|оплат\w*|send|transfer\w*|haz\w*|fa[çc]a\w*|mand\w*)|取消.{0,8}(?:付|转|打)")]
    private static partial Regex CancelThenPay();

    [GeneratedRegex(@"^[^.!?]{0,40}\b(?:nicht|kein\w*|не\s+\w+|ne\s+(?:le\s+|la\s+|l')?\w+\s+pas)\b")]
    private static partial Regex NegatedAfter();

    [GeneratedRegex(@"\breport\w*|\bis\s+(?:this|it|that)\s+a\s+scam\b|\bes\s+(?:una\s+)?estafa\b|\b[eé]\s+golpe\b|\bune\s+arnaque\b|\bist\s+das\s+betrug\b|\bразвод\b|мошенни\w*|骗子|骗局|\bi\s+(?:refused|said\s+no)\b|\brechac\w*|\bme\s+negu[eé]\b|\bneguei\b|\brecusei\b|\bj'ai\s+refus\w*|\babgelehnt\b|\bотказал\w*|拒绝了|\bdenunci\w*|\bsignal[ée]\w*|\bgemeldet\b|\bmelde\w*|пожаловал\w*|举报")]
    private static partial Regex Reporting();

    [GeneratedRegex(@"\boutside\s+(?:of\s+)?(?:the\s+|this\s+)?(?:site|platform|app|marketplace|here)\b|\boff\s+(?:the\s+)?(?:site|platform|app|marketplace)\b|\b(?:avoid|skip|save|no)\s+(?:the\s+)?(?:platform\s+|site\s+|marketplace\s+|app\s+)?(?:fees?|commission)\b|\bwithout\s+the\s+(?:platform|site|app)(?:\s+fees?)?\b|\bdeal\s+directly\b|\bpay(?:ing)?\s+(?:me\s+|you\s+)?directly\b|\b(?:send|transfer|pay|wire|deposit|refund)\b[^.!?]{0,30}\b(?:via|by|through|to|into)\s+(?:my\s+|the\s+|a\s+)?(?:bank|account)\b|\bfuera\s+de\s+(?:la\s+)?(?:app|plataforma|p[aá]gina|web)\b|\bpor\s+fuera\b|\b(?:sin\s+pasar|no\s+pasamos|sem\s+passar|n[aã]o\s+passamos)\s+(?:por\s+la|pela|por\s+el|pelo)\s+(?:app|plataforma|web|site|p[aá]gina)\b|\bne\s+passe\w*\s+pas\s+par\s+(?:la\s+plateforme|le\s+site|l'appli)\b|\bplattform\s+lassen\s+wir\s+(?:\w+\s+)?weg\b|\bkauf\w*\s+nicht\s+[üu]ber\s+die\s+(?:seite|plattform)\b|\bплощадк\w*\s+(?:вообще\s+)?не\s+трога\w*|\bahorr\w*\s+(?:la\s+)?comisi[oó]n\b|\bfug\w*\s+da\s+taxa\b|\bfoge\w*\s+da\s+taxa\b|\bp[aá]ga(?:me)?\s+directo\b|\b(?:sin|evita\w*\s+la)\s+comisi[oó]n\b|\bfora\s+d[oa]\s+(?:app|plataforma|site)\b|\bpor\s+fora\b|\bpaga\s+direto\b|\bsem\s+taxa\b|\bhors\s+(?:de\s+la\s+|de\s+l'|du\s+|d')?(?:plateforme|appli|app|site)\b|\bpay(?:ez|e)[- ]moi\s+directement\b|\bsans\s+(?:la\s+)?plateforme\b|\bau(?:ss|ß)erhalb\b|\bohne\s+(?:die\s+)?(?:plattform\w*|geb[üu]hr\w*)\b|\bzahl\w*\s+(?:\w+\s+)?direkt\b|\bвне\s+площадк\w*|\bмимо\s+(?:сайта|площадк\w*)|\bбез\s+(?:комисси\w*\s+)?площадк\w*|\bбез\s+комисси\w*|\bнапрямую\b|平台外|私下|不走平台|不用平台|绕过平台|没手续费|不用手续费|免手续费")]
    private static partial Regex OutsideThePlatform();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,3})?\b")]
    private static partial Regex Iban();

    [GeneratedRegex(@"(?<!(?:than|que|чем|als|do\s+que|比)\s*|\b(?:sin|sem|no|without|pas)\s+(?:pasar|passar|pasamos|passamos|going|passe|passer)\s+)(?:\ben\s+la\s+app\b|\bpel[oa]\s+(?:pr[oó]prio\s+|pr[oó]pria\s+)?(?:checkout|app|aplicativo)\b|(?<!\b(?:skip|without|sin|sem|sans|ohne|без)\s+(?:the\s+|el\s+|o\s+|le\s+|den\s+)?)\b(?:[üu]ber|via|im|beim|using|with|do|da|du|del)\s+(?:den\s+|the\s+)?(?:[\w-]+\s+)?checkout\b|\b(?:just\s+)?pay\s+(?:just\s+)?here\b|\bpagar\s+aqu[ií]\b|\bpayer\s+ici\b|\bhier\s+(?:zahlen|bezahlen)\b|\bzahl\w*\s+(?:lieber\s+|gern\s+)?hier\b|\bonly\s+(?:through|via|on|use|accept|take)\s+(?:the\s+|our\s+)?(?:checkout|platform|site|marketplace|app|card)|\b(?:at|in|through|via|au|no|en\s+el|beim|im)\s+(?:the\s+)?checkout\b|\bthrough\s+the\s+(?:platform|site|app)\b|\bsolo\s+(?:por|en|a\s+trav[eé]s\s+de)\s+(?:la\s+)?(?:web|p[aá]gina|plataforma|app)\b|\bpor\s+la\s+(?:plataforma|web|app|p[aá]gina)\b|\bs[oó]\s+(?:pela|na|pelo)\s+(?:plataforma|site|app)\b|\bpela\s+plataforma\b|\bpelo\s+(?:site|app)\b|\buniquement\s+(?:sur|via|par)\s+la\s+plateforme\b|\b(?:via|sur)\s+la\s+plateforme\b|\bsur\s+le\s+site\b|\bnur\s+(?:über|auf|via)\s+(?:die\s+)?plattform\b|\büber\s+die\s+plattform\b|\bтолько\s+через\s+(?:сайт|площадку|платформу)\b|\bчерез\s+(?:сайт|площадку|платформу)\b|通过平台|平台(?:的|里|上)?(?:付款|退款|支付)|在平台|\bal\s+finalizar\s+la\s+compra\b|\bal\s+pagar\b|\bau\s+moment\s+de\s+(?:la\s+commande|payer|r[ée]gler)\b|\blors\s+du\s+paiement\b|\ban\s+der\s+kasse\b|\bbei\s+der\s+bezahlung\b|结账|付款时|下单时|\bпри\s+оформлени\w*|\bна\s+кассе\b|\bno\s+pagamento\b|\bao\s+finalizar\b|\bna\s+finaliza[cç][aã]o\b|\bkaufen-button\b|\bоформля\w*\s+через\s+объявлени\w*)")]
    private static partial Regex OnPlatformOnly();

    [GeneratedRegex(@"\bpix\b|chave\s+pix|\boxxo\b|\bdep[oó]sito\b|mb\s?way|\bwero\b|\bpaylib\b|(?:steam|google\s+play|itunes|apple|amazon)[\s-]+(?:gift\s+)?(?:card|cards|code|codes|karte|gutschein\w*)|\bcash\b|\ben\s+esp[eè]ces\b|\ben\s+efectivo\b|\bem\s+dinheiro\b|\bbar\s+(?:bei|zahl\w*|bezahl\w*)|\b(?:abholung|zahl\w*)\s+(?:\w+\s+){0,2}bar\b|наличн\w*|наличк\w*|(?:微信|支付宝)\s*红包|购物卡|京东\s?e卡|卡密|充值卡|\bkrypto\w*|\bcryptos\b|entre\s+amis|\bqiwi\b|\bкиви\b|юмани|\byoomoney\b|ю\s?money|entre\s+proches|amis\s+et\s+famille|amigos\s+y\s+familia\w*|amigos\s+e\s+familia\w*|наложенн\w*\s+платеж\w*|现金|当面交易|打到我?(?:的)?钱包|\bbi[sz]um\b|\biban\b|\brib\b|\bsepa\b|[üu]e?berweis\w*|\bvirement\w*|\btransfer[eê]ncia\b|\btransferencia\b|\btransfiere\w*|\btransfira\b|\bted\b|western\s?union|money\s?gram|\bzelle\b|\bvenmo\b|cash\s?app|\brevolut\b|\bwise\b|alipay|支付宝|zhifubao|微信支付|wechat\s?pay|(?:微信|wx|vx)\s*转|\bbit\s?coin\b|\bbtc\b|\busdt\b|\busdc\b|stablecoin|\bcrypto\b|\bcripto\b|крипт\w*|比特币|gift\s?cards?|tarjetas?\s+regalo|cart[aã]o\s+presente|cartes?\s+cadeau|gutschein\w*|подарочн\w*\s+карт\w*|礼品卡|paysafe\w*|\b(?:recharges?|coupons?|tickets?)\s+pcs\b|mercado\s?pago|\bсбп\b|сбер\w*|тиньк\w*|на\s+карту|золот\w*\s+корон\w*|\blydia\b|\bskrill\b|\bpayoneer\b|\bm-?pesa\b|\bboleto\b|\bbank\s+(?:transfer|deposit|account|details)\b|\bwire\s+(?:transfer|me|you|it|the\s+money)\b|\baccount\s+number\b|\bcuenta\s+bancaria\b|\bcbu\b|\bcvu\b|\bdeposit\w*\s+na\s+minha\s+conta\b|\bag(?:[eê]ncia)?\s+\d{4}\s+(?:c/?c|conta)\b|\bconta\s+banc[aá]ria\b|\bdados\s+banc[aá]rios\b|\bbankverbindung\b|\bkontonummer\b|реквизит\w*|银行卡|转账|汇款|\bперевод\w*|\bперевед\w*|\bpay\s?pal\b|\bpp\s+f&f\b|friends\s*(?:and|&|n)\s*family|freunde\s*(?:und|&)\s*familie")]
    private static partial Regex PaymentMethod();

    [GeneratedRegex(@"^(?:pay\s?pal|transfer\w*|wise|revolut|boleto|перевод\w*|перевед\w*|转账|virement\w*|gutschein\w*|crypto|cripto|крипт\w*|gift\s?cards?|на\s+карту|cash|dep[oó]sito|наличн\w*|现金)$")]
    private static partial Regex WeakMethod();

    [GeneratedRegex(@"\b(?:pay\s?pal|venmo|zelle|revolut|wise|cash\s?app)\s+(?:me|us)\b|\b(?:geht|gehts|auch)\s+(?:auch\s+)?(?:per|[üu]ber|mit)\b|\b(?:per|via)\s+(?:pay\s?pal|revolut|wise)\b|\b(?:pai\w*|paie|pay|paying|send|sending|transfer|wire|accept|accepted|discount\w*|cheaper|only|cancel\w*|annul\w*|storn\w*|отмен\w*|refund|instead|code|codes|direct|directly|mark|release)\b|\bf&f\b|\bfriends\b|\b(?:paga\w*|p[aá]game|manda\w*|env[ií]a\w*|acepto|descuento|barato|reembolso|directo|devuelvo)\b|\b(?:pagu?e?\w*|manda|envia|aceito|aceita|desconto|barato|direto|devolvo|reembolso)\b|\b(?:pay(?!\s?pal)\w+|envoy\w*|accept\w*|r[ée]duction|moins\s+cher|rembours\w*|directement)\b|\b(?:fai[st]|faites|haz|hazme|h[aá]zme|haces|faz|fa[cç]a|mach|nehm\w*)\b|\b(?:zahl\w*|bezahl\w*|schick\w*|akzeptier\w*|nimmst|rabatt|billiger|direkt|erstatt\w*|zur[üu]ck)\b|\b(?:плат\w*|оплат\w*|переве\w*|скин\w*|принима\w*|скидк\w*|дешевле|верну|напрямую)\b|付|转|支付|便宜|退|优惠|收")]
    private static partial Regex PayIntent();

    [GeneratedRegex(@"\b(?:cancel|close|withdraw|drop|remove|delete|end|change|edit|take\s+down)\s+(?:the\s+|your\s+|this\s+|that\s+|my\s+)?(?:\w+\s+){0,3}(?:dispute|case|claim|complaint|report|review|feedback|return(?:\s+request)?|rating|stars?)\b|\b(?:don'?t|do\s+not|pls\s+don'?t|dont)\s+(?:open|file|leave|start|do|send)\s+(?:a\s+|the\s+)?(?:\w+\s+)?(?:dispute|case|claim|complaint|review|feedback|return)\b|\b(?:cierra|cancela|retira|quita|elimina|borra|cambia)\w*\s+(?:la\s+|el\s+|tu\s+|esa\s+)?(?:\w+\s+){0,2}(?:disputa|reclam\w+|rese[nñ]a|valoraci[oó]n|devoluci[oó]n|opini[oó]n)\b|\bno\s+(?:abras|pongas|dejes)\s+(?:una?\s+|la\s+)?(?:disputa|reclam\w+|rese[nñ]a)\b|\b(?:fech\w+|cancel\w+|retir\w+|tir\w+|remov\w+|apag\w+|mud\w+)\s+(?:a\s+|o\s+|sua\s+|essa\s+)?(?:\w+\s+){0,2}(?:disputa|reclama[cç][aã]o|avalia[cç][aã]o|devolu[cç][aã]o|queixa|nota)\b|\bn[aã]o\s+abr[ae]\s+(?:a\s+|uma\s+)?(?:disputa|reclama[cç][aã]o)\b|\b(?:ferme[zrs]?|annule[zrs]?|retire[zrs]?|supprime[zrs]?|modifie[zrs]?|enl[eè]ve[zrs]?)\s+(?:le\s+|la\s+|l'|votre\s+|ton\s+|ta\s+|cet\s+|cette\s+)?(?:\w+\s+){0,3}(?:litige|r[ée]clamation|avis|retour|note|dispute)\b|\bn'ouvre[zs]?\s+pas\s+(?:de\s+|d')?(?:litige|r[ée]clamation)\b|\b(?:schlie(?:ß|ss)\w*|storn\w+|l[öo]sch\w*|zieh\w*|nimm\w*|[äa]nder\w*)\s+(?:den\s+|die\s+|das\s+|deine\s+|bitte\s+)?(?:\w+\s+){0,3}(?:fall|streit\w*|reklamation|bewertung|r[üu]cksendung|k[äa]uferschutz|antrag|beschwerde)\b|\b(?:fall|streit\w*|reklamation|bewertung|r[üu]cksendung|antrag|beschwerde)\s+(?:\w+\s+){0,2}(?:schlie(?:ß|ss)\w*|storn\w+|l[öo]sch\w*|zur[üu]ckzieh\w*|zur[üu]ck|[äa]nder\w*)|\bkeine?n?\s+(?:antrag\s+auf\s+)?(?:k[äa]uferschutz\w*|reklamation|fall|streitfall)\b|\b(?:закр\w+|отмен\w+|убер\w+|удал\w+|сним\w+|измен\w+)\s+(?:\w+\s+){0,2}(?:спор\w*|претензи\w*|отзыв\w*|возврат\w*|жалоб\w*)|\bне\s+открыва\w*\s+(?:\w+\s+)?(?:спор\w*|претензи\w*)|(?:撤销|取消|关闭|删|删除|撤回|别开|不要开|不要提交)\s*(?:了|掉|一下)?\s*(?:这个|你的)?\s*(?:纠纷|差评|投诉|退货|退款申请|评价|争议)|(?:把|将)?\s*(?:纠纷|差评|投诉|评价)\s*(?:撤|删|取消|关)|\bne\s+(?:faites|fais)\s+pas\s+(?:le\s+|de\s+)?retour\b|\btake\s+(?:the\s+|your\s+|that\s+)?(?:\w+\s+){0,2}(?:review|rating|feedback|stars?)\s+down\b|\bno\s+need\s+to\s+(?:open|file|start)\s+(?:a\s+)?(?:dispute|case|claim|return)\b|\b(?:5|five|cinq|cinco|f[üu]nf|пять)\s+(?:stars?|[ée]toiles|estrelas|estrellas|sterne\w*|звезд\w*)|五星好评|\bno\s+(?:hagas|haga)\s+(?:la\s+)?devoluci[oó]n\b|\bn[aã]o\s+(?:fa[cç]a|abra)\s+(?:a\s+)?devolu[cç][aã]o\b|\bkeine\s+r[üu]cksendung\b|\bне\s+(?:открыва\w*|оформля\w*|делай\w*)\s+(?:\w+\s+)?возврат\w*|(?:别|不要|不用)\s*(?:再)?\s*(?:申请|开|提交|发起|提)\s*(?:退款|纠纷|投诉|退货|售后)")]
    private static partial Regex DropTheCase();

    [GeneratedRegex(@"\b(?:refund|pay|send|give|money|transfer|cash|compensat\w*|\$\d+|\d+\s*(?:usd|eur|\$|€|dollars?|bucks))\b|\$\s?\d|\d\s?€|€\s?\d|\b(?:devuelv\w*|pag\w*|mando|dinero|euros?|transferencia|reembols\w*)\b|\b(?:devolv\w*|reais|pix|mando|dinheiro|reembols\w*)\b|\b(?:rembours\w*|envoie\w*|virement|argent)\b|\b(?:[üu]berweis\w*|zahl\w*|schick\w*|geld|zur[üu]ck\w*|erstatt\w*|gutschein\w*)\b|\b(?:верн\w*|перевед\w*|скин\w*|деньг\w*|рубл\w*|заплач\w*)\b|退|转|返现|补|钱|元|块")]
    private static partial Regex Money();

    [GeneratedRegex(@"\bmark\s+(?:it|the\s+order|the\s+item)\s+(?:as\s+)?(?:received|delivered)\b|\bconfirm\s+(?:the\s+)?(?:receipt|delivery)\b|\bmarca\s+(?:el\s+pedido|lo)\s+como\s+recibido\b|\bconfirma\s+(?:o\s+)?recebimento\b|\bconfirme[zs]?\s+la\s+r[ée]ception\b|\bbest[äa]tig\w*\s+(?:\w+\s+){0,2}den\s+erhalt\b|\bподтверд\w*\s+получени\w*|确认收货")]
    private static partial Regex ConfirmFirst();

    [GeneratedRegex(@"\b(?:app|appli\w*|aplicativo|aplicaci[oó]n|приложени\w*)\s+(?:de\s+|do\s+|da\s+)?gmail\b|gmail\s*应用|\bgmail[\s-]*(?:app|appli\w*|konto|account)\b")]
    private static partial Regex MailApp();

    [GeneratedRegex(@"(?:\b(?:my|mi|mis|meu|minha|mon|ma|mes|meine|mein|мой|моя|мои)\s+(?:personal\s+)?(?:number|phone|cell|e-?mail|mail\w*|contact\w*|details|n[uú]mero|tel[eé]fono|cel(?:ular)?|correo|datos|contacto|email|telefone|nummer|handynummer|num[ée]ro|coordonn[ée]es|номер|телефон|почт\w*|контакт\w*)|\bcontact\s+(?:details|info)|\bdatos\s+de\s+contacto|\blos\s+datos|\b(?:phone\s+)?number'?s|联系方式|我的?(?:电话|手机号|号码|邮箱))[^.!?]{0,40}?(?:\b(?:photo|pic|picture|image|foto|imagen|bild|фото\w*|картинк\w*|bio|profile|perfil|profil|профил\w*|etiqueta|label)\b|图片|照片|主页|头像)|(?:邮箱|电话|手机号|微信号?|联系方式).{0,12}(?:图|照片)|(?:\b(?:photo|pic|picture|foto|bild|фото\w*|perfil|profil|profile)\b|图片|照片|主页|头像)[^.!?]{0,30}?(?:\b(?:my|mi|meu|minha|mon|meine|мой|моя)\s+(?:number|n[uú]mero|e-?mail|mail\w*|contact\w*|nummer|num[ée]ro|номер|почт\w*)|联系方式|电话|号码)")]
    private static partial Regex ContactElsewhere();

    [GeneratedRegex(@"e-?mail|\bmail|correo|почт|邮箱")]
    private static partial Regex MailWord();

    [GeneratedRegex(@"\b(?:first\s+(?:part|bit|half|digits)|starts?\s+(?:with\s+)?(?=\+|\d)|primera\s+parte|en\s+dos\s+partes|empieza\s+(?:con|por)|premi[eè]re\s+partie|commence\s+par|en\s+deux\s+fois|erste[rn]?\s+teil|beginnt\s+mit|primeira\s+parte|come[cç]a\s+com|перв\w+\s+част\w*|начало|начина\w+\s+(?:с|на))|前面是|开头是?|先发")]
    private static partial Regex FirstPart();

    [GeneratedRegex(@"\b(?:next\s+(?:msg|message|text)|siguiente\s+(?:msj|mensaje)|pr[oó]xima\s+(?:msg|mensagem)|prochain\s+(?:message|msg)|n[äa]chste[nr]?\s+nachricht|следующ\w+\s+сообщени\w*)\b|下一条")]
    private static partial Regex NextMessage();

    private const string PieceConnector = @"\s*,?\s*(?:then|and\s+then|puis|et\s+apr[eè]s|luego|y\s+sigue|y\s+luego|despu[eé]s|und\s+dann|dann|danach|потом|затем|а\s+в\s+конце|в\s+конце|depois|e\s+depois|然后|再)\s*,?\s*";

    /// <summary>Digit groups read out one after another with "then" between them, in seven languages.</summary>
    [GeneratedRegex(@"\+?\d[\d\s-]{0,8}(?:" + PieceConnector + @"\+?\d[\d\s-]{0,8}){1,}", RegexOptions.IgnoreCase)]
    private static partial Regex PhonePieces();

    [GeneratedRegex(PieceConnector, RegexOptions.IgnoreCase)]
    private static partial Regex PieceJoin();

    [GeneratedRegex(@"^(?:no-?reply|do-?not-?reply|notifications?|mailer-daemon)@", RegexOptions.IgnoreCase)]
    private static partial Regex NoReply();

    /// <summary>A refusal after the method, in German and Russian word order: "Überweisung mach ich nicht", "на карту не принимаю".</summary>
    [GeneratedRegex(@"^[^.!?]{0,25}?\b(?:nicht|\w+\s+(?:ich|wir)\s+nicht|nehme?n?\s+(?:ich|wir)\s+nicht|nicht\s+(?:m[öo]glich|akzeptiert)|не\s+(?:принима\w*|дела\w*|беру|берем|буду|работа\w*|нужн\w*|надо))\b")]
    private static partial Regex RefusedAfter();

    /// <summary>Cash at a meeting and the order cancelled here, in either order: the platform loses the sale and the buyer the protection.</summary>
    [GeneratedRegex(@"(?:\bcash\b|\befectivo\b|\besp[eè]ces\b|\bliquide\b|\bdinheiro\b|\bbar\b|налич\w*|\bнал\b|现金).{0,80}?(?:\bcancel\w*|\bannul\w*|\bstorn\w*|отмен\w*|取消)|(?:\bcancel\w*|\bannul\w*|\bstorn\w*|отмен\w*|取消).{0,80}?(?:\bcash\b|\befectivo\b|\besp[eè]ces\b|\bliquide\b|\bdinheiro\b|\bbar\b|налич\w*|\bнал\b|现金)")]
    private static partial Regex CashAndCancel();

    [GeneratedRegex(@"\b(?:the\s+rest|lo\s+que\s+falta|o\s+que\s+falta|le\s+reste|den\s+rest|report\s+you|your\s+address|expose\s+you|publicar\s+tus\s+datos|tu\s+direcci[oó]n|expor\s+os\s+teus\s+dados|ton\s+adresse|zeig\s+ich\s+dich\s+an|deine\s+adresse|free|gift|bonus|another\s+one|second\s+one|between\s+us|sort\s+it\s+out|privately|gratis|regalo|otro\s+igual|entre\s+nosotros|por\s+privado|gr[aá]tis|presente|brinde|entre\s+n[oó]s|gratuit\w*|gratos|cadeau|offert|entre\s+nous|on\s+s'arrange|kostenlos|umsonst|geschenk|gratis|unter\s+uns|privat|бесплатн\w*|подар\w*|остальн\w*|твой\s+адрес|выложу|твои\s+данные|en\s+priv[ée]|no\s+privado|en\s+privado|в\s+личк\w*|leg\s+(?:\w+\s+)?drauf|между\s+(?:нами|собой)|договоримся|сами)\b|红包|免费|礼物|赠品|私下|再送|送你|地址|发到网上|曝光")]
    private static partial Regex Incentive();

    [GeneratedRegex(@"(?:https?://)?(?:www\.)?(?<host>(?:[a-z0-9\p{L}](?:[a-z0-9\p{L}-]*[a-z0-9\p{L}])?\.)+(?:com|net|org|shop|store|online|site|info|biz|ru|de|fr|es|pt|br|cn|it|nl|pl|uk|us|eu|me|io|co|ly|la|gd|gl|ae|tk|xyz|top|app|link|club|su|рф|cc|tv|gg|to|ws|vip|live|store|page|website|space|fun|pro|mx|ar|cl|co|pe|be|ch|at|ca|au|jp|kr|in|tw|hk|sg|my)(?:\.[a-z]{2})?)\b(?:/\S*)?")]
    private static partial Regex Domain();

    [GeneratedRegex(@"^(?:bit\.ly|tinyurl\.com|t\.co|goo\.gl|is\.gd|rb\.gy|cutt\.ly|ow\.ly|shorturl\.at|tiny\.cc|s\.id|t\.ly)$")]
    private static partial Regex Shortener();

    [GeneratedRegex(@"\b(?:google|googl\w+|gugl\w*)\b.{0,60}\b(?:shop|store|site|website|web|tienda|loja|boutique|laden|atelier|studio|buy|order|compra\w*|achet\w*|bestell\w*|kauf\w*)\b|\b(?:search|busca|procura|tapez|cherchez|such\w*)\b.{0,40}\bgoogle\b|(?:в\s+)?(?:гугл\w*|яндекс\w*|google)\b.{0,60}(?:сайт\w*|магазин\w*|заказ\w*)|(?:百度|谷歌|淘宝)\s*搜.{0,30}(?:官网|网站|店|买)")]
    private static partial Regex SearchMyShop();

    [GeneratedRegex(@"\b[\p{L}0-9-]{3,}\s+(?:point|punkt|точка|dot|punto|ponto)\s+(?:com|net|org|shop|store|online|fr|de|es|pt|br|ru|ру|рф|ком|cn|it|eu|info)\b|[\p{L}0-9-]{3,}\s*点\s*(?:com|cn|net)\b")]
    private static partial Regex SpokenDomain();

    [GeneratedRegex(@"(?:\b(?:shopee|ozon|wildberries|avito|mercado\s?libre|mercado\s?livre|mercadolibre|mercadolivre|amazon|ebay|etsy|aliexpress|temu|vinted|wallapop|olx|kleinanzeigen|leboncoin|depop|shopify|poshmark|grailed|allegro|milanuncios|enjoei|vestiaire|озон\w*|вайлдберриз\w*|\bвб\b|авито|юла)\b|拼多多|淘宝|天猫|京东|闲鱼).{0,40}(?:\b(?:shop|store|loja|tienda|boutique|laden|магазин\w*|order|compra\w*|achet\w*|bestell\w*|закаж\w*|buy|procura|busca|search|cheaper|instead|link|b[uú]scame|barat[oa]s?|por\s+menos|olhada|vistazo|moins\s+cher|cherche\w*|plut[oô]t|billiger|g[üu]nstiger|stattdessen|such\w*|дешевле|найди\w*|ищи\w*|глянь|вместо)\b|店铺|下单|搜|也有|便宜|价格低|那边|去那|拍|挂了|用户名)|\b(?:my|mi|minha|meu|ma|mon|meine[mn]?|мо\w+)\s+(?:\w+\s+){0,3}(?:shopee|ozon|wildberries|avito|mercado\s?libre|mercado\s?livre|mercadolibre|mercadolivre|amazon|ebay|etsy|aliexpress|temu|vinted|wallapop|olx|kleinanzeigen|leboncoin|depop|shopify|poshmark|grailed|allegro|milanuncios|enjoei|vestiaire|озон\w*|вайлдберриз\w*|\bвб\b|авито|юла)\b|(?:в|на)\s+(?:моём|моем|нашем)\s+магазин\w*\s+на\s+\w+|我的?(?:拼多多|淘宝|京东|闲鱼)")]
    private static partial Regex OtherMarketplace();

    [GeneratedRegex(@"淘口令|[￥¥][a-z0-9]{8,14}[￥¥]")]
    private static partial Regex TaoCode();

    [GeneratedRegex(@"\b(?:my|our)\s+(?:own\s+|new\s+)?(?:web\s?site|site|webshop|online\s+(?:shop|store)|shopify)\b|\bmi\s+(?:propia\s+)?(?:web|p[aá]gina\s+web)\b|\btienda\s+propia\b|\bmi\s+tienda\s+(?:online|web|en\s+l[ií]nea)\b|\bma\s+boutique\s+en\s+ligne\b|\bminha\s+loja\s+online\b|\bmein\w*\s+online-?shop\b|\b(?:meu|nosso)\s+(?:novo\s+)?site\b|\bminha\s+loja\s+virtual\b|\b(?:mon|notre)\s+(?:propre\s+|nouveau\s+)?site\b|\b(?:meine[mn]?|unsere[mn]?)\s+(?:eigenen?\s+|neue[mn]?\s+)?(?:shop|website|webseite|onlineshop)\b|\b(?:мо[йеё]м?|наш\w*)\s+(?:нов\w+\s+)?(?:интернет-магазин\w*|сайт\w*)|我(?:自己)?的?(?:网站|官网|网店)")]
    private static partial Regex OwnWebsite();

    [GeneratedRegex(@"(?<=\p{L}[\s,]+)\b(?:no|na|num|numa)\s+$")]
    private static partial Regex InTheBefore();

    [GeneratedRegex(@"\b(?:don'?t|do\s+not|dont|never|no|not|can'?t|cannot|won'?t|will\s+not|without|nunca|jam[aá]s|n[aã]o|nao|pas|ne|n'|jamais|kein\w*|nicht|nie|не|нет|никогда)\b|不|别|勿|禁止")]
    private static partial Regex Negation();
}
