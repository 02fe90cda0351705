using Marketplace.Testing;

[assembly: AssemblyFixture(typeof(PostgresLifetime))]
