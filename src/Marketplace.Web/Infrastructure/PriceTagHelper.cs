using Marketplace.Domain.Common;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// <c>&lt;price value="@money" /&gt;</c>: a seller's price as the buyer sees it — converted into their display currency and
/// marked approximate ("≈ €11.60", the seller's own price in its title), or as the seller set it
/// when it can't be converted now. Free shipping can read "Free" with <c>zero-text</c>.
/// </summary>
[HtmlTargetElement("price", TagStructure = TagStructure.WithoutEndTag)]
public sealed class PriceTagHelper(DisplayCurrency currency, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer) : TagHelper
{
    public Money Value { get; set; }

    /// <summary>What a zero amount reads as (e.g. "Free"); the amount itself when unset.</summary>
    public string? ZeroText { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        if (Value.IsZero && ZeroText is not null)
        {
            output.Content.SetContent(ZeroText);
            return;
        }

        var shown = await currency.ShowAsync(Value);
        if (!shown.Converted)
        {
            output.Content.SetContent(shown.Text);
            return;
        }

        var own = localizer["Seller's price: {0}", shown.Own.ToString()].Value;
        output.Attributes.SetAttribute("title", own);
        output.Attributes.SetAttribute("data-seller-price", shown.Own.ToString());
        output.Content.SetContent(shown.Text);
    }
}
