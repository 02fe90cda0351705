using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Marketplace.Domain.Common;
using Microsoft.AspNetCore.Html;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// Country names in the person's language ("Deutschland", "アメリカ合衆国"; the English name where there is no
/// translation), and the &lt;option&gt;s of the country pickers, which every page shows: 249 countries sorted and
/// encoded once per language and selected country and reused, instead of rendered option by option on every request.
/// </summary>
public static class CountryOptions
{
    private static readonly ConcurrentDictionary<(string Culture, string Selected), HtmlString> _bySelected = new();

    public static string Name(string code) => Name(code, CultureInfo.CurrentUICulture);

    /// <summary>Every country in the person's language, in their alphabetical order.</summary>
    public static IEnumerable<(string Code, string Name)> All()
    {
        var culture = CultureInfo.CurrentUICulture;
        return Countries.All.Select(c => (c.Code, Name: Name(c.Code, culture))).OrderBy(c => c.Name, StringComparer.Create(culture, ignoreCase: true));
    }

    public static IHtmlContent For(string selected) =>
        Countries.IsKnown(selected) ? _bySelected.GetOrAdd((CultureInfo.CurrentUICulture.Name, selected), key => Build(key.Selected)) : Build(selected);

    private static string Name(string code, CultureInfo culture) =>
        Countries.Find(code) is { } country ? Localization.Translate(country.Name, culture) ?? country.Name : code;

    private static HtmlString Build(string selected)
    {
        var html = new StringBuilder(Countries.All.Count * 48);
        foreach (var (code, name) in All())
        {
            html.Append("<option value=\"").Append(code).Append('"')
                .Append(code == selected ? " selected=\"selected\">" : ">")
                .Append(HtmlEncoder.Default.Encode(name))
                .Append("</option>");
        }

        return new HtmlString(html.ToString());
    }
}
