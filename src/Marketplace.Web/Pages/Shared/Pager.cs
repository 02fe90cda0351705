namespace Marketplace.Web.Pages;

/// <summary>Page links: <paramref name="BaseUrl"/> ends in '?' or '&amp;' and gets "page=N" appended.</summary>
public sealed record Pager(int Page, int PageCount, string BaseUrl)
{
    public string Url(int page) => BaseUrl + "page=" + page;
}
