namespace Marketplace.Core.Catalog;

/// <summary>Reads a listing id out of what people paste: a full address ("https://…/Listing/{id}?…"), a path or the bare id.</summary>
public static class ListingAddress
{
    public static Guid? IdIn(string? text) =>
        (text ?? string.Empty).Split('/', '?', '#', ' ').Select(part => Guid.TryParse(part, out var id) ? id : (Guid?)null).FirstOrDefault(id => id is not null);
}
