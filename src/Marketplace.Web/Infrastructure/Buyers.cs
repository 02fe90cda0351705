using System.Security.Claims;
using Marketplace.Core.Checkout;

namespace Marketplace.Web.Infrastructure;

/// <summary>Who is shopping: the signed-in user, or a guest known by the cart cookie.</summary>
public static class Buyers
{
    public const string CartCookie = "cart";

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static CartOwner CartOwner(this HttpContext http) =>
        http.User.UserId() is { } userId
            ? Core.Checkout.CartOwner.User(userId)
            : Core.Checkout.CartOwner.Guest(GuestCartId(http.Request));

    public static Guid? GuestCartId(HttpRequest request) =>
        request.Cookies.TryGetValue(CartCookie, out var value) && Guid.TryParse(value, out var id) ? id : null;

    public static void RememberGuestCart(HttpResponse response, Guid cartId) =>
        response.Cookies.Append(CartCookie, cartId.ToString("N"), new CookieOptions
        {
            MaxAge = TimeSpan.FromDays(30),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
        });

    /// <summary>At sign-in the guest's cart joins the account's cart and the cookie goes.</summary>
    public static async Task MergeGuestCartAsync(HttpContext http, ClaimsPrincipal user)
    {
        if (GuestCartId(http.Request) is { } cartId && user.UserId() is { } userId)
        {
            await http.RequestServices.GetRequiredService<MergeGuestCart>().ExecuteAsync(userId, cartId, http.RequestAborted);
            http.Response.Cookies.Delete(CartCookie);
        }
    }
}
