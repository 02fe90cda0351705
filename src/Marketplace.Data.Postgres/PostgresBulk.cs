using System.Text;
using System.Text.RegularExpressions;
using Marketplace.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Marketplace.Data.Postgres;

/// <summary>One column of an entity's table as EF Core maps it: its name, its PostgreSQL type, and how to read it from a tracked entry.</summary>
public sealed record MappedColumn(string Name, string StoreType, Type ProviderType, Func<EntityEntry, object?> Value, Func<EntityEntry, bool> IsModified);

/// <summary>
/// Writes many tracked rows of one table with one statement (<c>unnest()</c> of one array per column) instead of one
/// statement per row, from EF Core's own mapping (value converters, value objects, shadow keys), so no column list is
/// written by hand. Used where a batch writes thousands of rows (escrow release) and by the benchmark's seeding.
/// </summary>
public static partial class PostgresBulk
{
    /// <summary>The columns <paramref name="type"/> writes to its table (computed columns left out), value objects' columns included.</summary>
    public static List<MappedColumn> Columns(IEntityType type)
    {
        var table = Table(type);
        var columns = new List<MappedColumn>();
        foreach (var property in type.GetProperties().Where(p => p.GetComputedColumnSql(table) is null))
        {
            columns.Add(Column(property, table, e => e.Property(property)));
        }

        // Value objects (Money) are columns of their owner's row, also inside another one (an order's shipping price).
        void AddComplex(IComplexProperty complex, Func<EntityEntry, ComplexPropertyEntry> entryOf)
        {
            foreach (var property in complex.ComplexType.GetProperties())
            {
                columns.Add(Column(property, table, e => entryOf(e).Property(property.Name)));
            }

            foreach (var nested in complex.ComplexType.GetComplexProperties())
            {
                AddComplex(nested, e => entryOf(e).ComplexProperty(nested.Name));
            }
        }

        foreach (var complex in type.GetComplexProperties())
        {
            AddComplex(complex, e => e.ComplexProperty(complex.Name));
        }

        return columns;
    }

    private static StoreObjectIdentifier Table(IEntityType type) => StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());

    /// <summary>
    /// Types in an order that writes each table after the tables its foreign keys point to (its depth in the foreign-key
    /// graph among <paramref name="types"/>).
    /// </summary>
    public static IEnumerable<IEntityType> PrincipalsFirst(IReadOnlyCollection<IEntityType> types)
    {
        var depths = new Dictionary<IEntityType, int>();
        int Depth(IEntityType type) => depths.TryGetValue(type, out var known) ? known : depths[type] = type.GetForeignKeys()
            .Select(k => k.PrincipalEntityType)
            .Where(p => p != type && types.Contains(p))
            .Select(p => Depth(p) + 1)
            .DefaultIfEmpty(0)
            .Max();
        return types.OrderBy(Depth);
    }

    /// <summary>
    /// Saves everything <paramref name="db"/> tracks, inside the caller's transaction, with one statement per table: new
    /// rows inserted; changed versioned aggregates updated with Version + 1 where the version is still the one that was
    /// read (a row changed meanwhile throws <see cref="DbUpdateConcurrencyException"/> and the caller rolls back), as
    /// SaveChanges does. SaveChanges' interceptors see the changes first, once, as in SaveChanges (webhook events, catalog
    /// pages), and what they add is saved too. Every changed entry's type must be in <paramref name="types"/>: anything
    /// else (a deletion, an unversioned update, a key the database makes) is refused, never saved another way.
    /// Afterwards the entries are Unchanged with their new values; after a failure the context is to be cleared.
    /// </summary>
    public static async Task SaveAsync(DbContext db, IReadOnlyCollection<Type> types, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("PostgresBulk.SaveAsync writes several statements: call it inside a transaction.");
        }

        // One pass over the tracked entities finds what changed; the rest of the save works from it (each pass over a
        // release batch's thousands of entries costs as much as a statement).
        db.ChangeTracker.DetectChanges();
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var interceptors = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<ISaveChangesInterceptor>() ?? [];
            var saving = new DbContextEventData(null!, null!, db);
            foreach (var interceptor in interceptors)
            {
                await interceptor.SavingChangesAsync(saving, default, ct);
            }

            var changed = db.ChangeTracker.Entries().Where(e => e.State is not (EntityState.Unchanged or EntityState.Detached)).ToList();
            if (changed.FirstOrDefault(e => !Writable(e, types)) is { } refused)
            {
                throw new InvalidOperationException($"PostgresBulk.SaveAsync does not save {refused.Metadata.DisplayName()} ({refused.State}): only new rows and versioned updates of {string.Join(", ", types.Select(t => t.Name))}.");
            }

            await WriteAsync(db, changed, ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static bool Writable(EntityEntry entry, IReadOnlyCollection<Type> types) =>
        types.Contains(entry.Metadata.ClrType)
        && entry.State is EntityState.Added or EntityState.Modified
        && (entry.State == EntityState.Added || typeof(IVersioned).IsAssignableFrom(entry.Metadata.ClrType))
        && !entry.Metadata.FindPrimaryKey()!.Properties.Any(k => entry.Property(k).IsTemporary)
        && !entry.Metadata.GetProperties().Any(p => p.IsConcurrencyToken && p.Name != nameof(IVersioned.Version));

    private static async Task WriteAsync(DbContext db, List<EntityEntry> changed, CancellationToken ct)
    {
        var entries = changed.GroupBy(e => e.Metadata).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var type in PrincipalsFirst(entries.Keys))
        {
            var added = entries[type].Where(e => e.State == EntityState.Added).ToList();
            var modified = entries[type].Where(e => e.State == EntityState.Modified).ToList();
            var columns = Columns(type);
            if (added.Count > 0)
            {
                await InsertAsync(db, type, columns, added, ct);
            }

            if (modified.Count > 0)
            {
                await UpdateAsync(db, type, columns, modified, ct);
            }
        }

        // Saved: the new values become the entries' original values, as SaveChanges leaves them.
        foreach (var entry in changed)
        {
            if (entry.State == EntityState.Modified)
            {
                entry.OriginalValues.SetValues(entry.CurrentValues);
            }

            entry.State = EntityState.Unchanged;
        }
    }

    private static async Task InsertAsync(DbContext db, IEntityType type, List<MappedColumn> columns, List<EntityEntry> rows, CancellationToken ct)
    {
        var parameters = columns.Select((c, i) => Array($"p{i}", c, rows)).ToList();
        var sql = $"""
            INSERT INTO {Quote(type.GetTableName()!)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))})
            SELECT * FROM unnest({string.Join(", ", parameters.Select(p => "@" + p.ParameterName))})
            """;
        await db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
    }

    /// <summary>Versioned aggregates only (<see cref="Writable"/>): each row's Version + 1 where it is still the one read.</summary>
    private static async Task UpdateAsync(DbContext db, IEntityType type, List<MappedColumn> columns, List<EntityEntry> rows, CancellationToken ct)
    {
        var key = type.FindPrimaryKey()!.Properties.Single().GetColumnName(Table(type))!;
        var versions = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var version = rows[i].Property(nameof(IVersioned.Version));
            versions[i] = (int)version.OriginalValue!;
            version.CurrentValue = versions[i] + 1;
        }

        // Every column some row changed (the others' current values are the ones they were read with).
        var keyColumn = columns.Single(c => c.Name == key);
        var set = columns.Where(c => c.Name != key && rows.Any(c.IsModified)).ToList();
        var parameters = new List<NpgsqlParameter> { Array("k", keyColumn, rows), new("v", versions) };
        parameters.AddRange(set.Select((c, i) => Array($"p{i}", c, rows)));
        var sql = new StringBuilder();
        sql.Append("UPDATE ").Append(Quote(type.GetTableName()!)).Append(" AS t SET ");
        sql.AppendJoin(", ", set.Select((c, i) => $"{Quote(c.Name)} = u.p{i}"));
        sql.Append(" FROM unnest(@k, @v");
        sql.AppendJoin(string.Empty, set.Select((_, i) => $", @p{i}"));
        sql.Append(") AS u(k, v");
        sql.AppendJoin(string.Empty, set.Select((_, i) => $", p{i}"));
        sql.Append(") WHERE t.").Append(Quote(key)).Append(" = u.k AND t.").Append(Quote(nameof(IVersioned.Version))).Append(" = u.v");
        var updated = await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
        if (updated != rows.Count)
        {
            throw new DbUpdateConcurrencyException($"{updated} of {rows.Count} rows of {type.GetTableName()} were updated: the others were changed meanwhile.");
        }
    }

    /// <summary>One array parameter holding <paramref name="column"/>'s value for every row, typed as the column is.</summary>
    private static NpgsqlParameter Array(string name, MappedColumn column, List<EntityEntry> rows)
    {
        var values = System.Array.CreateInstance(column.ProviderType, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            values.SetValue(column.Value(rows[i]), i);
        }

        return new NpgsqlParameter(name, values) { DataTypeName = column.StoreType + "[]" };
    }

    private static MappedColumn Column(IProperty property, StoreObjectIdentifier table, Func<EntityEntry, MemberEntry> entryOf)
    {
        var converter = property.GetTypeMapping().Converter;
        var providerType = converter?.ProviderClrType ?? property.ClrType;
        if (providerType.IsValueType && property.IsNullable && Nullable.GetUnderlyingType(providerType) is null)
        {
            providerType = typeof(Nullable<>).MakeGenericType(providerType);
        }

        // "character varying(20)" is written as "character varying"; timestamps go in UTC (timestamptz takes no other offset).
        var storeType = Precision().Replace(property.GetColumnType(table), string.Empty);
        return new MappedColumn(
            property.GetColumnName(table)!,
            storeType,
            providerType,
            e => entryOf(e).CurrentValue is { } value ? (converter is null ? value : converter.ConvertToProvider(value)) switch
            {
                DateTimeOffset at => at.ToUniversalTime(),
                var v => v,
            } : null,
            e => entryOf(e).IsModified);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"\(\d+(,\s*\d+)?\)")]
    private static partial Regex Precision();
}
