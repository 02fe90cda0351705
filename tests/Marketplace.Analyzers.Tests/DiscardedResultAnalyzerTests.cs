using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Marketplace.Analyzers.Tests;

/// <summary>MP0001 on small programs compiled in memory with the same Result&lt;T&gt; shape as the domain's.</summary>
public sealed class DiscardedResultAnalyzerTests
{
    private const string Prelude = """
        using System.Threading.Tasks;
        namespace Marketplace.Domain.Common
        {
            public readonly record struct Result<T>(T Value, bool Succeeded);
        }
        namespace App
        {
            using Marketplace.Domain.Common;
            public sealed class Hold
            {
                public Result<int> Release() => new(1, true);
                public Task<Result<int>> ReleaseAsync() => Task.FromResult(Release());
                public int Count() => 1;
                public void Touch() { }
            }
        }
        """;

    [Theory]
    [InlineData("hold.Release();", "Release")]
    [InlineData("await hold.ReleaseAsync();", "ReleaseAsync")]
    [InlineData("hold.ReleaseAsync();", "ReleaseAsync")]
    [InlineData("new App.Hold().Release();", "Release")]
    public async Task A_result_used_as_a_statement_is_an_error(string statement, string method)
    {
        var diagnostics = await AnalyzeAsync(statement);

        diagnostics.Should().ContainSingle().Which.Should().Match<Diagnostic>(d =>
            d.Id == "MP0001" && d.Severity == DiagnosticSeverity.Error && d.GetMessage(null).Contains($"'{method}'"));
    }

    [Theory]
    [InlineData("_ = hold.Release();")]
    [InlineData("_ = await hold.ReleaseAsync();")]
    [InlineData("var released = hold.Release(); if (!released.Succeeded) return;")]
    [InlineData("if (!(await hold.ReleaseAsync()).Succeeded) return;")]
    [InlineData("hold.Count(); hold.Touch();")]
    public async Task A_result_that_is_looked_at_or_discarded_on_purpose_is_fine(string statement)
    {
        (await AnalyzeAsync(statement)).Should().BeEmpty();
    }

    [Fact]
    public async Task Code_without_the_domain_result_type_is_not_analysed()
    {
        var diagnostics = await AnalyzeAsync("System.Console.WriteLine();", prelude: "namespace App { public sealed class Hold { } }");

        diagnostics.Should().BeEmpty();
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string statements, string prelude = Prelude)
    {
        var source = $$"""
            {{prelude}}
            namespace App
            {
                public static class Program
                {
                    public static async System.Threading.Tasks.Task RunAsync(Hold hold)
                    {
                        await System.Threading.Tasks.Task.Yield();
                        {{statements}}
                    }
                }
            }
            """;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "Sample",
            [CSharpSyntaxTree.ParseText(source, cancellationToken: TestContext.Current.CancellationToken)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        compilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty("the sample must compile");
        return await compilation.WithAnalyzers([new DiscardedResultAnalyzer()]).GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
    }
}
