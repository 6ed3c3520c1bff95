namespace CostDsl.Limits;

/// <summary>
/// The nodes of a call graph that lie on a cycle (a strongly connected component of more than one
/// node, or a node that calls itself), found in one pass (Tarjan's algorithm, iterative so a chain of
/// 20,000 functions needs no deep stack). Searching for a cycle from every function instead visits
/// the whole chain below each one: quadratic, 28 s for 20,000 functions.
/// </summary>
public static class CallCycles
{
    public static HashSet<T> Find<T>(IReadOnlyDictionary<T, List<T>> calls)
        where T : notnull
    {
        var index = new Dictionary<T, int>();
        var low = new Dictionary<T, int>();
        var onStack = new HashSet<T>();
        var stack = new Stack<T>();
        var cyclic = new HashSet<T>();
        var next = 0;
        foreach (var start in calls.Keys)
        {
            if (index.ContainsKey(start))
            {
                continue;
            }

            // Each frame: a node and how many of its callees have been looked at.
            var frames = new Stack<(T Node, int Callee)>();
            frames.Push((start, 0));
            index[start] = low[start] = next++;
            stack.Push(start);
            onStack.Add(start);
            while (frames.Count > 0)
            {
                var (node, callee) = frames.Pop();
                var callees = calls.GetValueOrDefault(node) ?? [];
                if (callee < callees.Count)
                {
                    frames.Push((node, callee + 1));
                    var target = callees[callee];
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

                    if (component.Count > 1 || callees.Contains(node))
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
}
