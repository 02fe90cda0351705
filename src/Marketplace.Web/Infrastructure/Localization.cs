using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// The person's culture for reading and formatting numbers, dates and money: a culture picked (the standard culture cookie),
/// else the browser's Accept-Language, else English. Money typed as "24,90" reads as 24.90 in any of them; "1.299" follows
/// the culture (see MoneyText).
/// </summary>
public static class Localization
{
    private static readonly System.Resources.ResourceManager _resourceFiles = new("Marketplace.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    private static readonly string[] _names = ["en", "de", "es", "fr", "pt-BR", "zh-Hans", "ja"];

    public static IReadOnlyList<CultureInfo> Supported { get; } = _names.Select(CultureInfo.GetCultureInfo).ToList();

    /// <summary>"Deutsch", "Português (Brasil)", "中文（简体）": each language in its own words, for the picker.</summary>
    public static string NativeName(CultureInfo culture) => culture.Name switch
    {
        "en" => "English",
        "de" => "Deutsch",
        "es" => "Español",
        "fr" => "Français",
        "pt-BR" => "Português (Brasil)",
        "zh-Hans" => "中文（简体）",
        "ja" => "日本語",
        _ => culture.NativeName,
    };

    /// <summary>Makes this browser use <paramref name="culture"/> from the next request on (the standard culture cookie).</summary>
    public static void Remember(HttpResponse response, CultureInfo culture) =>
        Preference.Remember(response, CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)));

    /// <summary>The claim carrying the account's language (see <see cref="Core.Identity.AppUser.Language"/>).</summary>
    public const string AccountLanguageClaim = "language";

    /// <summary>
    /// An account without a saved language takes the one this browser asked for (its culture cookie or Accept-Language) when
    /// it signs in, so notices and e-mails written while the person is away reach them in it, not in English.
    /// </summary>
    public static async Task AdoptBrowserLanguageAsync(HttpContext http, System.Security.Claims.ClaimsPrincipal principal)
    {
        if (principal.HasClaim(c => c.Type == AccountLanguageClaim) || principal.UserId() is not { } userId
            || http.Features.Get<IRequestCultureFeature>() is not { Provider: CookieRequestCultureProvider or AcceptLanguageHeaderRequestCultureProvider } asked)
        {
            return;
        }

        var language = asked.RequestCulture.UICulture.Name;
        await http.RequestServices.GetRequiredService<Marketplace.Core.Data.MarketplaceDbContext>().Users
            .Where(u => u.Id == userId && u.Language == null)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.Language, language), http.RequestAborted);
    }

    /// <summary>The language picked in this browser (cookie), else the account's, else the browser's Accept-Language, else English.</summary>
    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en"),
            SupportedCultures = [.. Supported],
            SupportedUICultures = [.. Supported],
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders.Insert(
            options.RequestCultureProviders.IndexOf(options.RequestCultureProviders.OfType<AcceptLanguageHeaderRequestCultureProvider>().Single()),
            new CustomRequestCultureProvider(http => Task.FromResult(http.User.FindFirst(AccountLanguageClaim)?.Value is { } language ? new ProviderCultureResult(language) : null)));
        return options;
    }

    /// <summary>The shared texts, read in the current UI culture (for code that has no localizer injected).</summary>
    public static IStringLocalizer Texts { get; } = new ResourceManagerStringLocalizerFactory(
        Microsoft.Extensions.Options.Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    /// <summary>
    /// The translation of an English text into <paramref name="culture"/>'s language, or null when there is none (the
    /// resource files themselves, so it works for any culture, not only the request's).
    /// </summary>
    public static string? Translate(string english, CultureInfo culture)
    {
        for (var c = culture; c.Name.Length > 0 && c.TwoLetterISOLanguageName != "en"; c = c.Parent)
        {
            if (_resourceFiles.GetResourceSet(c, createIfNotExists: true, tryParents: false)?.GetString(english) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The messages model binding writes when a value can't be read ("abc" for a number), in the person's language.</summary>
    public static void TranslateBindingMessages(DefaultModelBindingMessageProvider messages)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => Texts["The value '{0}' is not valid for {1}.", value, field]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => Texts["The value '{0}' is not valid.", value]);
        messages.SetUnknownValueIsInvalidAccessor(field => Texts["The value entered for {0} is not valid.", field]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => Texts["The value entered is not valid."]);
        messages.SetValueIsInvalidAccessor(value => Texts["The value '{0}' is not valid.", value]);
        messages.SetValueMustBeANumberAccessor(field => Texts["Enter a number for {0}.", field]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => Texts["Enter a number."]);
        messages.SetValueMustNotBeNullAccessor(value => Texts["Enter a value."]);
        messages.SetMissingBindRequiredValueAccessor(field => Texts["Enter a value for {0}.", field]);
        messages.SetMissingKeyOrValueAccessor(() => Texts["Enter a value."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => Texts["Enter a value."]);
    }
}

/// <summary>The web app's resource files, for texts written outside a request (notices and their e-mails).</summary>
public sealed class ResourceTranslations : Marketplace.Core.Notifications.ITranslations
{
    public string? Translate(string english, CultureInfo culture) => Localization.Translate(english, culture);
}
