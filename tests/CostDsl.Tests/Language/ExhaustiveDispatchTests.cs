using System.Reflection;
using System.Runtime.CompilerServices;
using CostDsl.Syntax;

namespace CostDsl.Tests.Language;

/// <summary>
/// Adding a kind of expression node is a compile error until every pass handles it: each node
/// implements <see cref="Expr.Accept{T}"/> with a method of its own on <see cref="IExprVisitor{T}"/>,
/// and the passes that handle every kind are visitors rather than type switches with a default.
/// </summary>
public class ExhaustiveDispatchTests
{
    private static readonly Type[] Nodes =
        [.. typeof(Expr).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Expr)) && !t.IsAbstract).OrderBy(t => t.Name)];

    [Test]
    public void EveryConcreteNodeImplementsAcceptItself()
    {
        Assert.That(Nodes, Is.Not.Empty);
        foreach (var node in Nodes)
        {
            var accept = node.GetMethods().Single(m => m.Name == nameof(Expr.Accept));
            Assert.That(accept.DeclaringType, Is.EqualTo(node), $"{node.Name} must override Accept");
        }
    }

    [Test]
    public void TheVisitorHasOneMethodPerNodeKind() =>
        Assert.That(
            typeof(IExprVisitor<>).GetMethods().Select(m => m.GetParameters().Single().ParameterType),
            Is.EquivalentTo(Nodes));

    [Test]
    public void EveryNodeDispatchesToTheMethodForItsOwnKind()
    {
        var visitor = DispatchProxy.Create<IExprVisitor<Type>, ParameterTypeOfCall>();
        foreach (var node in Nodes)
        {
            // Accept reads no field, so a node with none set is enough to see where it dispatches.
            var expr = (Expr)RuntimeHelpers.GetUninitializedObject(node);
            Assert.That(expr.Accept(visitor), Is.EqualTo(node), $"{node.Name}.Accept calls the wrong Visit method");
        }
    }

    [Test]
    public void ThePassesOverEveryNodeKindAreVisitors()
    {
        var visitors = typeof(Expr).Assembly.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IExprVisitor<>)))
            .Select(t => t.FullName)
            .ToList();
        Assert.That(visitors, Is.SupersetOf(new[]
        {
            "CostDsl.Syntax.SyntaxWalker+ChildNodes",
            "CostDsl.Semantics.Checker+Typing",
            "CostDsl.Runtime.EvaluationSession+NodeValues",
            "CostDsl.Tooling.Formatting.ExpressionPrinter+Printer",
            "CostDsl.Tooling.Formatting.SyntaxDump+Dumper",
            "CostDsl.Tooling.Explaining.DependencyFinder+DirectDependencies",
            "CostDsl.Limits.CostBound+Measuring",
        }));
    }

    /// <summary>Answers every Visit call with the type of the node it was given.</summary>
    public class ParameterTypeOfCall : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.GetParameters().Single().ParameterType;
    }
}
