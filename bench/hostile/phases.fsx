// Run by bench/hostile/phases.sh, which fills in the paths. Issue 18's 100,000 outputs, phase by phase
// in one process (JIT, after a warm-up run): bytes allocated and milliseconds per phase, and per output.
// Bytes are the figure to trust on a shared machine; the times are for proportions only.
#r "@CORE@"
#r "@SPRACHE@"
#r "@TENSORS@"
#r "@NEWTONSOFT@"
open CostDsl

let count = 100_000
let text = System.String.Join("", Seq.init count (fun i -> sprintf "output o%d = %d GB\n" i i))
let file = Text.SourceFile("outputs.cost", text)

let phase (name: string) (report: bool) (work: unit -> 'T) : 'T =
    let before = System.GC.GetAllocatedBytesForCurrentThread()
    let clock = System.Diagnostics.Stopwatch.StartNew()
    let result = work ()
    let ms = clock.Elapsed.TotalMilliseconds
    let bytes = System.GC.GetAllocatedBytesForCurrentThread() - before
    if report then
        printfn "%-10s %9.0f ms %12d bytes %8.0f ns/output %7d bytes/output" name ms bytes (ms * 1e6 / float count) (bytes / int64 count)
    result

let run report =
    let bag = Diagnostics.DiagnosticBag()
    let sources = Modules.FileSystemSources()
    phase "parse" report (fun () -> Parsing.Parser.ParseFile(file, Diagnostics.DiagnosticBag()) |> ignore)
    let model = phase "assemble" report (fun () -> Semantics.ProgramAssembler(sources).Assemble(file, [||], bag))
    let program = phase "check" report (fun () -> Semantics.Checker.Check(model, bag))
    phase "advice" report (fun () -> Advice.Plausibility.Warn(program, bag))
    phase "bound" report (fun () -> Limits.CostBound.Enforce(program, Limits.CostLimits.Default, 10000, bag) |> ignore)
    let evaluation = phase "evaluate" report (fun () -> Runtime.Evaluator.Evaluate(program, bag))
    let result = Engine.RunResult("outputs.cost", evaluation, bag.Sorted())
    let json = phase "json" report (fun () -> Output.JsonReport.Write(result))
    if report then printfn "%d diagnostics, %d characters of JSON" bag.Items.Count json.Length

run false
run true
