using System.Security.Claims;
using Marketplace.Core.Data;
using Marketplace.Core.Email;
using Marketplace.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Infrastructure;

/// <summary>Every account is a buyer (SPEC §6): the Buyer role is part of every sign-in.</summary>
public sealed class MarketplaceClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole<Guid>> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!identity.HasClaim(Options.ClaimsIdentity.RoleClaimType, Roles.Buyer))
        {
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, Roles.Buyer));
        }

        if (!string.IsNullOrEmpty(user.DisplayName))
        {
            identity.AddClaim(new Claim("display_name", user.DisplayName));
        }

        if (!string.IsNullOrEmpty(user.CountryCode))
        {
            // The ship-to country (and so the display currency) starts from the account's country when nothing was picked.
            identity.AddClaim(new Claim(DestinationCountry.AccountCountryClaim, user.CountryCode));
        }

        if (user.Language is not null)
        {
            identity.AddClaim(new Claim(Localization.AccountLanguageClaim, user.Language));
        }

        return identity;
    }
}

/// <summary>Writes every e-mail to the outbox table; the dev mailbox shows them, SMTP sends them.</summary>
public sealed class OutboxEmailSender(MarketplaceDbContext db, TimeProvider clock, ILogger<OutboxEmailSender> logger) : IEmailSender
{
    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        db.EmailMessages.Add(new EmailMessage(email, subject, htmlMessage, clock.GetUtcNow()));
        await db.SaveChangesAsync();
        logger.LogInformation("E-mail to {To} queued: {Subject}", email, subject);
    }
}

/// <summary>
/// Absolute links for e-mails, always on <c>App:PublicUrl</c>: never the request's Host header, which anyone can set
/// (a reset link built from it would carry a valid token to a host an attacker chose).
/// </summary>
public sealed class PublicLinks(Microsoft.Extensions.Options.IOptions<Marketplace.Core.Notifications.NotificationOptions> options)
{
    public string To(string relativeUrl) => options.Value.PublicUrl.TrimEnd('/') + "/" + relativeUrl.TrimStart('/');
}

/// <summary>Identity's password and account messages in the person's language (the ones the register and reset pages show).</summary>
public sealed class TranslatedIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), Localization.Texts["Use at least {0} characters for the password.", length]);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), Localization.Texts["Add a symbol (like ! or #) to the password."]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), Localization.Texts["Add a digit (0–9) to the password."]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), Localization.Texts["Add a lowercase letter to the password."]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), Localization.Texts["Add an uppercase letter to the password."]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), Localization.Texts["Use at least {0} different characters in the password.", uniqueChars]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), Localization.Texts["That password is not right."]);

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), Localization.Texts["This link has expired or was already used. Ask for a new one."]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}

/// <summary>
/// Identity UI's own pages are English and some are for what we don't offer (external logins, setting a first password): every
/// account page people use is ours, so a stock page that is left answers 404. Its personal-data download (a file) stays.
/// </summary>
public static class IdentityParts
{
    public static void HideStockPages(Microsoft.AspNetCore.Mvc.ApplicationModels.PageApplicationModel model)
    {
        var type = model.ModelType ?? model.HandlerType;
        if (type.Assembly == typeof(IdentityBuilderUIExtensions).Assembly && !type.Name.StartsWith("DownloadPersonalDataModel", StringComparison.Ordinal))
        {
            model.Filters.Add(new NotFoundFilter());
        }
    }

    private sealed class NotFoundFilter : Microsoft.AspNetCore.Mvc.Filters.IPageFilter
    {
        public void OnPageHandlerSelected(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context)
        {
        }

        public void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context) =>
            context.Result = new Microsoft.AspNetCore.Mvc.NotFoundResult();

        public void OnPageHandlerExecuted(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutedContext context)
        {
        }
    }
}

/// <summary>
/// The sign-in cookie's tickets, remembered for a minute by the cookie's exact text. Reading a ticket decrypts the cookie
/// (on Linux, Data Protection's managed AES-CBC + HMAC with a key derived per cookie: ~10% of a signed-in request's time in a
/// checkout's profile) and a browser sends the same cookie on every request. The cookie's expiry, the security stamp check
/// and sign-out work as before: they run on every request, on a copy of the remembered ticket. A Data Protection key
/// revoked by hand is honoured within the minute.
/// </summary>
public sealed class RememberedTickets : IDisposable
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);

    // Bounded: one entry per cookie seen within the minute, at most 10,000.
    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    /// <summary>The cookie's own format, with decrypted tickets remembered.</summary>
    public ISecureDataFormat<AuthenticationTicket> Around(ISecureDataFormat<AuthenticationTicket> cookies) => new Format(cookies, _tickets);

    public void Dispose() => _tickets.Dispose();

    private sealed class Format(ISecureDataFormat<AuthenticationTicket> cookies, MemoryCache tickets) : ISecureDataFormat<AuthenticationTicket>
    {
        public string Protect(AuthenticationTicket data) => cookies.Protect(data);

        public string Protect(AuthenticationTicket data, string? purpose) => cookies.Protect(data, purpose);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            if (protectedText is null)
            {
                return null;
            }

            var key = (protectedText, purpose);
            if (tickets.TryGetValue(key, out AuthenticationTicket? remembered))
            {
                return remembered!.Clone();
            }

            // Only tickets that decrypted are kept: a forged or stale cookie is decrypted (and refused) every time.
            var ticket = cookies.Unprotect(protectedText, purpose);
            if (ticket is not null)
            {
                tickets.Set(key, ticket.Clone(), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Remembered });
            }

            return ticket;
        }
    }
}
