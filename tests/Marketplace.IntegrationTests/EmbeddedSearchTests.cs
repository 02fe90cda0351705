using Marketplace.Testing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.IntegrationTests;

/// <summary>The embedded SQLite default's search (FTS5 with the Porter stemmer): word forms, a typed prefix, edits followed.</summary>
public sealed class EmbeddedSearchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_sqlite_plurals_and_word_forms_match_the_last_word_is_a_prefix_and_an_edit_is_searched_at_once()
    {
        await using var factory = new MarketplaceAppFactory(database: null);
        var catalog = new CatalogBuilder(factory);
        var home = await catalog.CategoryAsync("Home");
        var seller = await catalog.SellerAsync("Lisbon Light", "PT");
        var lamp = await catalog.ListingAsync(seller, home, "Brass lamp", "Two batteries included, a cotton shade.");
        await catalog.ListingAsync(seller, home, "Ceramic vase", "Hand-thrown in Caldas da Rainha.");
        await catalog.ListingAsync(seller, home, "抹茶 tea bowl", "Glazed stoneware.");
        var client = factory.CreateClient();

        async Task<IReadOnlyList<string>> SearchAsync(string q) =>
            (await client.GetDocumentAsync("/Search?q=" + Uri.EscapeDataString(q))).Texts(".listing-card .card-title");

        (await SearchAsync("lamps")).Should().Equal(["Brass lamp"], "a plural finds the singular");
        (await SearchAsync("battery")).Should().Equal(["Brass lamp"], "the description's \"batteries\" is the same word");
        (await SearchAsync("cera")).Should().Equal(["Ceramic vase"], "the last word typed is a prefix");
        (await SearchAsync("cera lamp")).Should().BeEmpty("every word must match, and only the last is a prefix");
        (await SearchAsync("BRASS Lamps")).Should().Equal(["Brass lamp"], "case doesn't matter");
        (await SearchAsync("抹茶")).Should().Equal(["抹茶 tea bowl"], "words the tokenizer can't split are matched as text");
        (await SearchAsync("amp")).Should().BeEmpty("a word is matched from its start, not in the middle of another");

        await using (var db = factory.CreateDbContext())
        {
            var saved = await db.Listings.SingleAsync(l => l.Id == lamp.Id, Ct);
            saved.Edit("Brass lantern", "A storm lantern.", saved.CategoryId, saved.HandlingDays, factory.Clock.GetUtcNow());
            await db.SaveChangesAsync(Ct);
        }

        (await SearchAsync("lamps")).Should().BeEmpty("the edit is indexed as it is saved");
        (await SearchAsync("lanterns")).Should().Equal(["Brass lantern"]);
    }

    [Fact]
    public async Task On_sqlite_a_misspelt_search_that_finds_nothing_offers_the_words_the_titles_use()
    {
        await using var factory = new MarketplaceAppFactory(database: null);
        var catalog = new CatalogBuilder(factory);
        var home = await catalog.CategoryAsync("Home");
        var seller = await catalog.SellerAsync("Lisbon Light", "PT");
        await catalog.ListingAsync(seller, home, "Brass lamp");
        await catalog.ListingAsync(seller, home, "Ceramic vase");
        await catalog.ListingAsync(seller, home, "Velvet cushion", publish: false);
        var client = factory.CreateClient();

        var typo = await client.GetDocumentAsync("/Search?q=lmap");
        var twoTypos = await client.GetDocumentAsync("/Search?q=ceramc+vasse");

        typo.Text("#did-you-mean").Should().Be("Did you mean lamp?", "a swap is one edit");
        twoTypos.Text("#did-you-mean").Should().Be("Did you mean ceramic vase?");
        var followed = await client.GetDocumentAsync(typo.QuerySelector("#did-you-mean a")!.GetAttribute("href")!);
        followed.Texts(".listing-card .card-title").Should().Equal(["Brass lamp"]);
        (await client.GetDocumentAsync("/Search?q=lamp")).QuerySelector("#did-you-mean").Should().BeNull("a search that finds something needs no suggestion");
        (await client.GetDocumentAsync("/Search?q=qwxzv")).QuerySelector("#did-you-mean").Should().BeNull("nothing is close");
        (await client.GetDocumentAsync("/Search?q=velvt")).QuerySelector("#did-you-mean").Should().BeNull("an unpublished listing's words are not offered");
    }
    [Fact]
    public async Task On_sqlite_a_database_indexed_by_an_earlier_version_is_searched_after_the_next_start()
    {
        await using var factory = new MarketplaceAppFactory(database: null);
        var catalog = new CatalogBuilder(factory);
        var home = await catalog.CategoryAsync("Home");
        var lamp = await catalog.ListingAsync(await catalog.SellerAsync("Lisbon Light", "PT"), home, "Brass lamp");
        await using (var db = factory.CreateDbContext())
        {
            // The index as versions before 2026-12-03 made it: "ListingSearch", rowids only, its own triggers.
            await db.Database.ExecuteSqlRawAsync(
                """
                DROP TRIGGER "Listings_text_insert"; DROP TRIGGER "Listings_text_delete"; DROP TRIGGER "Listings_text_update"; DROP TABLE "ListingText";
                CREATE VIRTUAL TABLE "ListingSearch" USING fts5("Title", "SpecsText", "Description", content='Listings', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2');
                CREATE TRIGGER "Listings_search_update" AFTER UPDATE OF "Title", "SpecsText", "Description" ON "Listings" BEGIN
                    INSERT INTO "ListingSearch"("ListingSearch", rowid, "Title", "SpecsText", "Description") VALUES ('delete', old.rowid, old."Title", old."SpecsText", old."Description");
                    INSERT INTO "ListingSearch"(rowid, "Title", "SpecsText", "Description") VALUES (new.rowid, new."Title", new."SpecsText", new."Description");
                END;
                INSERT INTO "ListingSearch"("ListingSearch") VALUES ('rebuild');
                """,
                Ct);
            await Marketplace.Data.Sqlite.SqliteSearchIndex.EnsureAsync(db, Ct);
            var saved = await db.Listings.SingleAsync(l => l.Id == lamp.Id, Ct);
            saved.Edit("Brass lantern", "A storm lantern.", saved.CategoryId, saved.HandlingDays, factory.Clock.GetUtcNow());
            await db.SaveChangesAsync(Ct);
            var left = await db.Database.SqlQueryRaw<string>("""SELECT name AS "Value" FROM sqlite_master WHERE name LIKE '%search%' ORDER BY name""").ToListAsync(Ct);
            left.Should().BeEmpty("the earlier index and its triggers are gone");
        }

        var found = await factory.CreateClient().GetDocumentAsync("/Search?q=lanterns");

        found.Texts(".listing-card .card-title").Should().Equal(["Brass lantern"]);
    }
}
