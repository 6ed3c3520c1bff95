using System.Diagnostics.CodeAnalysis;

namespace CostDsl.Semantics;

/// <summary>
/// The one place cycles are found, whatever depends on what: lets, fields and units (checker),
/// function calls (checker and assembler), imports and <c>extends</c> (assembler), and the
/// evaluator's guard. Callers feed their own nodes and edges and word their own diagnostic; this
/// file only finds the cycle. Two shapes: <see cref="DependencyPath{T}"/> for a depth-first pass
/// that works a declaration out while it walks (a cycle is a node met again on the path), and
/// <see cref="DependencyGraph"/> for a graph known up front (Tarjan, then one cycle spelled out).
/// Both are in this file because they are one concept: "what lies on a cycle, and which".
/// </summary>
public static class DependencyGraph
{
    /// <summary>
    /// The nodes that lie on a cycle (a strongly connected component of more than one node, or a node
    /// with an edge to itself), found in one pass (Tarjan's algorithm, iterative so a chain of 20,000
    /// functions needs no deep stack). Searching for a cycle from every node instead visits the whole
    /// chain below each one: quadratic, 28 s for 20,000 functions.
    /// </summary>
    public static HashSet<T> NodesOnCycles<T>(IReadOnlyDictionary<T, List<T>> edges)
        where T : notnull
    {
        var index = new Dictionary<T, int>();
        var low = new Dictionary<T, int>();
        var onStack = new HashSet<T>();
        var stack = new Stack<T>();
        var cyclic = new HashSet<T>();
        var next = 0;
        foreach (var start in edges.Keys)
        {
            if (index.ContainsKey(start))
            {
                continue;
            }

            // Each frame: a node and how many of its edges have been looked at.
            var frames = new Stack<(T Node, int Edge)>();
            frames.Push((start, 0));
            index[start] = low[start] = next++;
            stack.Push(start);
            onStack.Add(start);
            while (frames.Count > 0)
            {
                var (node, edge) = frames.Pop();
                var targets = edges.GetValueOrDefault(node) ?? [];
                if (edge < targets.Count)
                {
                    frames.Push((node, edge + 1));
                    var target = targets[edge];
                    if (!index.ContainsKey(target))
                    {
                        index[target] = low[target] = next++;
                        stack.Push(target);
                        onStack.Add(target);
                        frames.Push((target, 0));
                    }
                    else if (onStack.Contains(target))
                    {
                        low[node] = Math.Min(low[node], index[target]);
                    }

                    continue;
                }

                if (low[node] == index[node])
                {
                    var component = new List<T>();
                    T member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (!EqualityComparer<T>.Default.Equals(member, node));

                    if (component.Count > 1 || targets.Contains(node))
                    {
                        cyclic.UnionWith(component);
                    }
                }

                if (frames.Count > 0)
                {
                    var parent = frames.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
            }
        }

        return cyclic;
    }

    /// <summary>
    /// One cycle through <paramref name="start"/>, as the nodes from it back to just before it (the
    /// first one found depth first, edges in their order), or null when none passes through it.
    /// </summary>
    public static List<T>? CycleThrough<T>(T start, IReadOnlyDictionary<T, List<T>> edges)
        where T : notnull
    {
        var path = new List<T>();
        return Search(start, start, edges, path, []) ? path : null;
    }

    private static bool Search<T>(T start, T current, IReadOnlyDictionary<T, List<T>> edges, List<T> path, HashSet<T> visited)
        where T : notnull
    {
        path.Add(current);
        foreach (var target in edges.GetValueOrDefault(current) ?? [])
        {
            if (EqualityComparer<T>.Default.Equals(target, start) || (visited.Add(target) && Search(start, target, edges, path, visited)))
            {
                return true;
            }
        }

        path.RemoveAt(path.Count - 1);
        return false;
    }
}

/// <summary>
/// The declarations a depth-first pass is working out, innermost last: meeting one of them again is a
/// cycle. Membership is a set, so a chain of 20,000 declarations is not scanned at every step.
/// </summary>
public sealed class DependencyPath<T>
    where T : notnull
{
    private readonly List<T> path = [];
    private readonly HashSet<T> members;

    public DependencyPath(IEqualityComparer<T>? comparer = null) => members = new HashSet<T>(comparer);

    public bool Contains(T node) => members.Contains(node);

    /// <summary>When <paramref name="node"/> is on the path: the path from it to the innermost node (the cycle, without closing it); else null.</summary>
    public IReadOnlyList<T>? CycleTo(T node)
    {
        if (!members.Contains(node))
        {
            return null;
        }

        // A loop, not FindIndex with a lambda: the lambda's closure was made on every call, cycle or not.
        var start = 0;
        while (!members.Comparer.Equals(path[start], node))
        {
            start++;
        }

        return path.GetRange(start, path.Count - start);
    }

    /// <summary>Enters <paramref name="node"/>, unless it is on the path already: then it gives the cycle (<see cref="CycleTo"/>) and enters nothing.</summary>
    public bool TryEnter(T node, [NotNullWhen(false)] out IReadOnlyList<T>? cycle)
    {
        cycle = CycleTo(node);
        if (cycle is not null)
        {
            return false;
        }

        path.Add(node);
        members.Add(node);
        return true;
    }

    /// <summary>Leaves the innermost node.</summary>
    public void Exit()
    {
        members.Remove(path[^1]);
        path.RemoveAt(path.Count - 1);
    }
}
