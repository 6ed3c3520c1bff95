namespace CostDsl.Engine;

/// <summary>
/// Deep-stack threads kept for reuse, for a host that runs many specs (the batch, the evaluator
/// service). <see cref="DeepStack.RunAsync{T}"/> starts a thread per run: in a batch of 10,000 small
/// specs that was an eighth of the process's time (creating the thread, reserving its 512 MB stack and
/// the runtime waiting for it to start) and most of the run-to-run spread of its system time.
/// </summary>
/// <remarks>
/// A run takes an idle thread or, when none is idle, starts one, so a run that outlives its time limit
/// (it stops at its next step, not at once) never holds back the next spec. At most
/// <see cref="MaxIdle"/> threads wait for work; one idle for <see cref="IdleTimeout"/> ends. Each run
/// sees the execution context of its caller, as a fresh thread would. Safe to share between threads;
/// disposing ends the idle threads, and threads still running end when their run does.
/// </remarks>
public sealed class DeepStackThreads : IDisposable
{
    private readonly object gate = new();
    private readonly List<Worker> idle = [];
    private bool disposed;

    /// <summary>How many threads may wait for work; more return and end.</summary>
    public int MaxIdle { get; init; } = Math.Max(4, 2 * Environment.ProcessorCount);

    /// <summary>How long a thread waits for work before it ends.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Starts the work on a deep-stack thread and completes when it does; the caller's thread is not held.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var context = ExecutionContext.Capture();
        void Run()
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        }

        Action job = context is null ? Run : () => ExecutionContext.Run(context, _ => Run(), null);
        Worker? worker = null;
        lock (gate)
        {
            if (idle.Count > 0)
            {
                worker = idle[^1];
                idle.RemoveAt(idle.Count - 1);
            }
        }

        if (worker is null)
        {
            new Worker(this).Start(job);
        }
        else
        {
            worker.Give(job);
        }

        return completion.Task;
    }

    public void Dispose()
    {
        Worker[] waiting;
        lock (gate)
        {
            disposed = true;
            waiting = [.. idle];
            idle.Clear();
        }

        foreach (var worker in waiting)
        {
            worker.Give(null);
        }
    }

    /// <summary>Whether <paramref name="worker"/>, its run done, waits for the next one (false: it ends).</summary>
    private bool Return(Worker worker)
    {
        lock (gate)
        {
            if (disposed || idle.Count >= MaxIdle)
            {
                return false;
            }

            idle.Add(worker);
            return true;
        }
    }

    /// <summary>Whether <paramref name="worker"/>, idle too long, may end: false when a run has just taken it.</summary>
    private bool Retire(Worker worker)
    {
        lock (gate)
        {
            return idle.Remove(worker);
        }
    }

    private sealed class Worker(DeepStackThreads owner)
    {
        // A monitor rather than a SemaphoreSlim: the semaphore spins and yields (sched_yield) before it
        // sleeps, and a batch's deep-stack thread waits about one spec for its next run, so nearly every
        // wait spun in vain; in a batch of 1,000 small specs that was 51,000 yields.
        private readonly object signal = new();
        private bool given;
        private Action? next;

        public void Start(Action first)
        {
            next = first;
            new Thread(Loop, DeepStack.StackBytes) { IsBackground = true, Name = "costdsl-eval" }.Start();
        }

        /// <summary>Hands the idle thread its next run; null ends it.</summary>
        public void Give(Action? job)
        {
            lock (signal)
            {
                next = job;
                given = true;
                Monitor.Pulse(signal);
            }
        }

        /// <summary>Waits for <see cref="Give"/>, at most <paramref name="timeout"/> (infinite: -1 ms); false when it did not come.</summary>
        private bool WaitGiven(TimeSpan timeout)
        {
            lock (signal)
            {
                while (!given)
                {
                    if (!Monitor.Wait(signal, timeout))
                    {
                        return false;
                    }
                }

                given = false;
                return true;
            }
        }

        private void Loop()
        {
            while (TakeNext() is { } job)
            {
                job();
                if (!owner.Return(this))
                {
                    return;
                }

                if (!WaitGiven(owner.IdleTimeout) && !owner.Retire(this))
                {
                    // A run took this thread between the timeout and the retirement: its job is on the way.
                    WaitGiven(Timeout.InfiniteTimeSpan);
                }
            }
        }

        private Action? TakeNext()
        {
            lock (signal)
            {
                var job = next;
                next = null;
                return job;
            }
        }
    }
}
