// Run by bench/parse/run.sh, which fills in the two paths.
#r "@CORE@"
#r "@SPRACHE@"

let measure (label: string) (text: string) =
    let run () =
        let bag = CostDsl.Diagnostics.DiagnosticBag()
        CostDsl.Parsing.Parser.ParseFile(CostDsl.Text.SourceFile("x.cost", text), bag, 4000, System.Threading.CancellationToken.None) |> ignore
    run ()
    let before = System.GC.GetAllocatedBytesForCurrentThread()
    let clock = System.Diagnostics.Stopwatch.StartNew()
    for _ in 1..3 do run ()
    let after = System.GC.GetAllocatedBytesForCurrentThread()
    printfn "%-24s %8d bytes/line %8.1f us/line" label ((after - before) / 3L / 2000L) (clock.Elapsed.TotalMilliseconds * 1000.0 / 3.0 / 2000.0)

let lines f = System.String.Join("", Seq.init 2000 f)
measure "let x = 5" (lines (fun i -> sprintf "let x%d = %d\n" i i))
measure "output o = 5 GB" (lines (fun i -> sprintf "output o%d = %d GB\n" i i))
measure "let a = b + c * d" (lines (fun i -> sprintf "let a%d = b + c * d\n" i))
measure "fn f(x) = g(x) + 1" (lines (fun i -> sprintf "fn f%d(x) = g(x) + 1\n" i))
