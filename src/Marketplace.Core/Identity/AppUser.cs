using Marketplace.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Core.Identity;

public sealed class AppUser : IdentityUser<Guid>
{
    public AppUser()
    {
        Id = Ids.New();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Where the user lives; the default destination for shipping estimates.</summary>
    public string? CountryCode { get; set; }

    /// <summary>The language the person picked ("de", "pt-BR"), used for pages when they sign in anywhere; null: the browser's.</summary>
    public string? Language { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set while an admin has suspended the account: no sign-in, the store's listings hidden.</summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    public string? SuspensionReason { get; set; }
}

public static class Roles
{
    public const string Buyer = "Buyer";
    public const string Seller = "Seller";
    public const string Admin = "Admin";
    public const string RightsHolder = "RightsHolder";

    public static readonly IReadOnlyList<string> All = [Buyer, Seller, Admin, RightsHolder];
}
