namespace CostDsl.Runtime;

/// <summary>
/// The stable identity of one place that draws samples, from which its generator is seeded. It is
/// built from what the spec means, never from how its text is laid out: the module (<c>std/...</c>,
/// the path relative to the root spec's folder, or the root itself), the declaration (<c>let gpus</c>,
/// <c>chat.interval</c>, an override's path), the position in that declaration's expression tree, and
/// inside a user function the path of calls that reached it. So spelling the file's path differently,
/// renaming or moving it, reformatting it or adding comments leaves every draw where it was.
/// </summary>
public readonly record struct SamplingKey(ulong Value)
{
    /// <summary>The key of a declaration in a module: where a tree of positions starts.</summary>
    public static SamplingKey Of(string module, string declaration) => new(Mix(Hash(module), Hash(declaration)));

    /// <summary>
    /// The key of a named assumption a built-in draws by default (a serving efficiency, say): the name alone, not the call
    /// site, so every call that leaves it out sees the same draw in a run; no module path is written in angle brackets, so it
    /// cannot meet a declaration's key.
    /// </summary>
    public static SamplingKey Assumption(string name) => Of("<assumption>", name);

    /// <summary>The key of a node's <paramref name="index"/>-th child (in syntax order).</summary>
    public SamplingKey Child(int index) => new(Mix(Value, (ulong)(uint)index + 1));

    /// <summary>This key reached through a call of a user function whose call site has key <paramref name="call"/>.</summary>
    public SamplingKey Through(SamplingKey call) => new(Mix(call.Value ^ 0xA5A5A5A5A5A5A5A5UL, Value));

    /// <summary>One named input of a built-in call (<c>ICallContext.Sample(stream, ...)</c>); the empty name is the call itself.</summary>
    public SamplingKey Stream(string stream) => stream.Length == 0 ? this : new(Mix(Value, Hash(stream)));

    /// <summary>The generator seed of this key in a run with <paramref name="seed"/>.</summary>
    public ulong Seed(int seed) => Mix(Value, (ulong)(uint)seed);

    // FNV-1a over the UTF-16 code units: the same on every runtime and process, unlike string.GetHashCode.
    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    // SplitMix64's finalizer over the pair: every input bit moves every output bit.
    private static ulong Mix(ulong a, ulong b)
    {
        var z = a + (b * 0x9E3779B97F4A7C15UL) + 0x632BE59BD9B4E019UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
