using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

/// <summary>The friendly page behind every error status code (404, 403, 429...).</summary>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    /// <summary>For 429: how long until the limit's window ends, rounded up to a whole minute (or hour, beyond an hour).</summary>
    public TimeSpan? RetryAfter { get; private set; }

    public void OnGet(int code)
    {
        Code = code;
        if (HttpContext.Items[Marketplace.Web.Infrastructure.RateLimits.RetryAfterItem] is TimeSpan wait)
        {
            RetryAfter = wait > TimeSpan.FromHours(1)
                ? TimeSpan.FromHours(Math.Ceiling(wait.TotalHours))
                : TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling(wait.TotalMinutes)));
        }
    }

    /// <summary>A refused form post is re-executed here as a POST: same page (it changes nothing, so no antiforgery check).</summary>
    public void OnPost(int code) => OnGet(code);
}
