using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using Marketplace.Domain.Common;
using Microsoft.AspNetCore.Html;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// The &lt;option&gt;s of the "Ship to" picker, which every page shows: 249 countries encoded once per selected
/// country and reused, instead of rendered option by option on every request.
/// </summary>
public static class CountryOptions
{
    private static readonly ConcurrentDictionary<string, HtmlString> _bySelected = new(StringComparer.Ordinal);

    public static IHtmlContent For(string selected) =>
        Countries.IsKnown(selected) ? _bySelected.GetOrAdd(selected, Build) : Build(selected);

    private static HtmlString Build(string selected)
    {
        var html = new StringBuilder(Countries.All.Count * 48);
        foreach (var country in Countries.All)
        {
            html.Append("<option value=\"").Append(country.Code).Append('"')
                .Append(country.Code == selected ? " selected=\"selected\">" : ">")
                .Append(HtmlEncoder.Default.Encode(country.Name))
                .Append("</option>");
        }

        return new HtmlString(html.ToString());
    }
}
