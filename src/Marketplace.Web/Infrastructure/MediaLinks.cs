namespace Marketplace.Web.Infrastructure;

/// <summary>
/// Where pages link public images (listing and review photos): <c>/media/…</c> served by the app from the file store,
/// or <c>Storage:PublicBaseUrl</c> + key when a CDN or the bucket serves them. Dispute evidence never goes through here.
/// </summary>
public sealed class MediaLinks(string? publicBaseUrl)
{
    private readonly string _base = string.IsNullOrWhiteSpace(publicBaseUrl) ? "/media/" : publicBaseUrl.TrimEnd('/') + "/";

    /// <summary>The other origin images come from (for the Content-Security-Policy), or null when the app serves them.</summary>
    public string? Origin { get; } = Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var url) ? url.GetLeftPart(UriPartial.Authority) : null;

    public string Url(string key) => _base + key;
}
