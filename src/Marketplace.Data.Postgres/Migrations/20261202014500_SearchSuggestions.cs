using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Data.Postgres.Migrations
{
    /// <summary>
    /// "Did you mean" (issue 18): the pg_trgm extension (trusted since PostgreSQL 13, so the database's owner may add it)
    /// and the ListingWords view, every word of live listings' titles with how many hold it, indexed for trigram
    /// similarity. Refreshed by the "Refresh search suggestions" job; no model change.
    /// </summary>
    public partial class SearchSuggestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            // A query parsed here, not text run later (ts_stat): PostgreSQL 17 refreshes views with an empty search_path.
            migrationBuilder.Sql("""
                CREATE MATERIALIZED VIEW "ListingWords" AS
                SELECT w.lexeme COLLATE "C" AS "Word", count(*)::bigint AS "Listings"
                FROM "Listings" l, unnest(tsvector_to_array(to_tsvector('pg_catalog.simple', l."Title"))) AS w(lexeme)
                WHERE l."Status" = 'Published' AND length(w.lexeme) >= 3 AND w.lexeme ~ '^[[:alpha:]]+$'
                GROUP BY 1;
                """);
            migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_ListingWords_Word" ON "ListingWords" ("Word");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_ListingWords_Word_Trigrams" ON "ListingWords" USING gin ("Word" gin_trgm_ops);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP MATERIALIZED VIEW IF EXISTS "ListingWords";""");
        }
    }
}
