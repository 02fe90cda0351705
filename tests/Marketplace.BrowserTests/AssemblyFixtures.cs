using Marketplace.BrowserTests;
using Marketplace.Testing;

[assembly: AssemblyFixture(typeof(PostgresLifetime))]
[assembly: AssemblyFixture(typeof(HtmlCheckerLifetime))]
