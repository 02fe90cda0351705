using Marketplace.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Infrastructure;

/// <summary>The one place where expected failures become HTTP answers or form messages.</summary>
public static class Errors
{
    /// <summary>404 or 403 for what isn't there or isn't yours; null when the error belongs on the form.</summary>
    public static IActionResult? AsHttpResult(this DomainError error) => error.Kind switch
    {
        ErrorKind.NotFound => new NotFoundResult(),
        ErrorKind.Forbidden => new ForbidResult(),
        ErrorKind.Invalid => null,
        ErrorKind.Conflict => null,
    };

    public static void AddTo(this DomainError error, ModelStateDictionary modelState, string field = "") =>
        modelState.AddModelError(field, error.Text());

    /// <summary>The error's message in the person's language (English when it has no translation yet).</summary>
    public static string Text(this DomainError error) => Words.Render(error.AsText);
}
