using Marketplace.Domain.Common;
using Marketplace.Domain.Messaging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Infrastructure;

/// <summary>The one answer to "send a message" for every page that has a conversation box.</summary>
public static class MessagePosting
{
    public static IActionResult AfterMessage(this PageModel page, Result<Message> result, string back)
    {
        if (result.Error is { } error && error.AsHttpResult() is { } http)
        {
            return http;
        }

        if (result.Error is not null)
        {
            page.TempData["MessageError"] = result.Error.Text();
        }

        return new RedirectResult(back + "#conversation");
    }
}
