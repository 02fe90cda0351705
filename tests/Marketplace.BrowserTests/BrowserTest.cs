namespace Marketplace.BrowserTests;

/// <summary>
/// A browser journey. Every page its browsers load is audited with axe-core when the test ends, at 1280 and 390 px: a serious
/// or critical WCAG 2.2 A/AA violation fails the test, and so does an error the Nu HTML Checker finds in the page's HTML. Pages come from <see cref="BrowserApp.NewPageAsync"/>, which only a
/// running <see cref="BrowserTest"/> may call, so a new journey can't skip the audit.
/// </summary>
public abstract class BrowserTest(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    protected BrowserApp App { get; } = app;

    public ValueTask InitializeAsync()
    {
        App.StartAudit();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        var problems = await App.AuditAsync();
        string.Join(Environment.NewLine, problems).Should().BeEmpty("every page a journey visits meets WCAG 2.2 AA as far as axe-core can tell, and its HTML is valid");
        GC.SuppressFinalize(this);
    }
}
