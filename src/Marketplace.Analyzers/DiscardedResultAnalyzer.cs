using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Marketplace.Analyzers;

/// <summary>
/// MP0001: a <c>Result&lt;T&gt;</c> (an expected failure as a value) used as a statement, so nobody looks at it: a silent bug.
/// Awaited or not, a call whose value is a Result, or a Task/ValueTask of one, must be used, returned or discarded
/// explicitly with <c>_ =</c> where ignoring it is truly right.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DiscardedResultAnalyzer : DiagnosticAnalyzer
{
    public const string Id = "MP0001";

    private const string ResultType = "Marketplace.Domain.Common.Result`1";

    private static readonly DiagnosticDescriptor Rule = new(
        Id,
        "A Result<T> is discarded",
        "The Result<T> of '{0}' is discarded: check it, return it, or write '_ = ...' where ignoring it is right",
        "Reliability",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An expected failure returned as a value and never looked at is a silent bug.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var result = start.Compilation.GetTypeByMetadataName(ResultType);
            if (result is null)
            {
                return;
            }

            start.RegisterOperationAction(operation => Check(operation, result), OperationKind.ExpressionStatement);
        });
    }

    private static void Check(OperationAnalysisContext context, INamedTypeSymbol result)
    {
        var value = ((IExpressionStatementOperation)context.Operation).Operation;
        if (value is IAssignmentOperation or IIncrementOrDecrementOperation || value.Type is not INamedTypeSymbol type)
        {
            return;
        }

        if (IsResult(type, result) || (IsTask(type) && type.TypeArguments.Length == 1 && type.TypeArguments[0] is INamedTypeSymbol inner && IsResult(inner, result)))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), Describe(value)));
        }
    }

    private static bool IsResult(INamedTypeSymbol type, INamedTypeSymbol result) => SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, result);

    private static bool IsTask(INamedTypeSymbol type) =>
        type.Name is "Task" or "ValueTask" && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

    private static string Describe(IOperation value) => value switch
    {
        IAwaitOperation awaited => Describe(awaited.Operation),
        IInvocationOperation call => call.TargetMethod.Name,
        _ => value.Syntax.ToString(),
    };
}
