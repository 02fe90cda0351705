using System.Net;
using System.Text;
using Marketplace.Core.Catalog;
using Marketplace.Data.Postgres;
using Npgsql;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// Benchmark only (<c>Bench:Baseline=true</c>, PostgreSQL): the same search as /Search (a capped count,
/// facets when the search is narrow, a page of 24 cards ranked when narrow and newest first when broad) from hand-written SQL through raw Npgsql, rendered with a StringBuilder.
/// No EF Core, no Razor: the ceiling the real page is measured against (docs/benchmarks.md).
/// </summary>
public static class BenchBaseline
{
    private const string Listings = """
        FROM "Listings" l JOIN "Sellers" s ON s."Id" = l."SellerId"
        WHERE l."Status" = 'Published' AND s."Status" = 'Active'
        """;

    private const string Visible = Listings + """ AND l."SearchVector" @@ to_tsquery('english', @q)""";

    private static readonly Func<Marketplace.Core.Data.MarketplaceDbContext, Guid, Task<string?>> _titleOf =
        Microsoft.EntityFrameworkCore.EF.CompileAsyncQuery((Marketplace.Core.Data.MarketplaceDbContext db, Guid id) =>
            db.Listings.Where(l => l.Id == id).Select(l => l.Title).FirstOrDefault());

    public static void MapBenchBaseline(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        if (!app.Configuration.GetValue("Bench:Baseline", false))
        {
            return;
        }

        // The least a page can be on either engine: one indexed query through the app's own EF Core context, a few bytes of HTML.
        app.MapGet("/bench/minimal", async (Guid id, Marketplace.Core.Data.MarketplaceDbContext db, CancellationToken ct) =>
        {
            var title = await _titleOf(db, id);
            return Results.Content($"<!DOCTYPE html><html><body><h1>{WebUtility.HtmlEncode(title)}</h1></body></html>", "text/html; charset=utf-8");
        });
        if (options.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        app.MapGet("/bench/baseline/search", async (string? q, HttpContext http) =>
        {
            var query = PostgresTextSearch.ToTsQuery(q ?? string.Empty) ?? string.Empty;
            var html = new StringBuilder(16_384);
            html.Append("<!DOCTYPE html><html><body><h1>Results</h1><ul id=\"facets\">");
            await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);

            // The same broadness test as CatalogQueries: the planner's estimate of the listings times the
            // share of the words in ANALYZE's statistics; only a search expected to be narrow is counted.
            long matches;
            double listings;
            await using (var explain = new NpgsqlCommand($"EXPLAIN (FORMAT JSON) SELECT 1 FROM (SELECT l.\"Id\" {Listings}) AS estimated LIMIT 1", connection))
            {
                listings = PostgresTextSearch.PlanRows(await explain.ExecuteScalarAsync(http.RequestAborted) as string);
            }

            if (listings * await PostgresTextSearch.WordsShareAsync(connection, q ?? string.Empty, http.RequestAborted) >= CatalogQueries.BroadEstimate)
            {
                matches = CatalogQueries.ExactCountCap + 1;
            }
            else
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM (SELECT 1 {Visible} LIMIT {CatalogQueries.ExactCountCap + 1}) m", connection);
                count.Parameters.AddWithValue("q", query);
                matches = (long)(await count.ExecuteScalarAsync(http.RequestAborted))!;
            }

            var broad = matches > CatalogQueries.ExactCountCap;
            if (!broad)
            {
                await using var facets = new NpgsqlCommand($"""SELECT l."CategoryId", count(*) {Visible} GROUP BY l."CategoryId" """, connection);
                facets.Parameters.AddWithValue("q", query);
                await using var reader = await facets.ExecuteReaderAsync(http.RequestAborted);
                while (await reader.ReadAsync(http.RequestAborted))
                {
                    html.Append("<li>").Append(reader.GetGuid(0)).Append(" (").Append(reader.GetInt64(1)).Append(")</li>");
                }
            }

            html.Append("</ul><p>").Append(broad ? $"{CatalogQueries.ExactCountCap}+" : matches.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" listings</p><div>");
            await using (var page = new NpgsqlCommand($"""
                SELECT l."Id", l."Title", l."PriceFromAmount", s."StoreName", s."CountryCode",
                       (SELECT i."ThumbnailKey" FROM "ListingImages" i WHERE i."ListingId" = l."Id" ORDER BY i."Position" LIMIT 1),
                       EXISTS (SELECT 1 FROM "ShippingOptions" o WHERE o."ListingId" = l."Id" AND (o."DestinationCountry" = @d OR o."DestinationCountry" IS NULL))
                {Visible}
                ORDER BY {(broad ? string.Empty : "ts_rank_cd(l.\"SearchVector\", to_tsquery('english', @q)) DESC, ")}l."PublishedAt" DESC, l."Id" DESC
                LIMIT 24
                """, connection))
            {
                page.Parameters.AddWithValue("q", query);
                page.Parameters.AddWithValue("d", "US");
                await using var reader = await page.ExecuteReaderAsync(http.RequestAborted);
                while (await reader.ReadAsync(http.RequestAborted))
                {
                    html.Append("<article><a href=\"/Listing/").Append(reader.GetGuid(0)).Append("\">")
                        .Append(WebUtility.HtmlEncode(reader.GetString(1))).Append("</a> $")
                        .Append(reader.GetInt64(2) / 100).Append('.').Append((reader.GetInt64(2) % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture))
                        .Append(' ').Append(WebUtility.HtmlEncode(reader.GetString(3))).Append(' ').Append(reader.GetString(4))
                        .Append(reader.IsDBNull(5) ? string.Empty : " <img src=\"/media/" + reader.GetString(5) + "\">")
                        .Append(reader.GetBoolean(6) ? string.Empty : " (doesn't ship)")
                        .Append("</article>");
                }
            }

            html.Append("</div></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        });
    }
}
