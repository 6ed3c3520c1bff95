using CostDsl.Examples.Host;

return await HostExample.RunAsync(args, Console.Out);
