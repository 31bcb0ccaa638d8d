using Weft.Bench.Fanout;
using Weft.Bench.LocalCalls;
using Weft.Bench.StateWrites;
using Weft.Testing.Tools;

const string Usage = """
    usage: dotnet run -c Release --project bench -- <command> [options]
      local-calls   [--seconds 10] [--callers 64]
      state-writes  [--seconds 10] [--grains 32] [--store postgres|sqlite] [--synchronous-commit on|off]
      fanout        [--seconds 10] [--subscribers 10000] [--streams 1] [--store postgres|sqlite] [--partitions 8] [--window 100] [--synchronous-commit on|off]
      all           [--seconds 10]   (local-calls and state-writes, with their defaults)
    """;

// Bad arguments, here or in a command's options, print the message and the usage and exit with 2 (the catch below).
try
{
    var arguments = CommandArguments.Parse(args);
    switch (arguments.Command)
    {
        case "local-calls":
            arguments.ThrowIfUnknown("seconds", "callers");
            MachineDescription.Print(Console.Out);
            await LocalCallsBenchmark.RunAsync(arguments.GetInt("seconds", 10), arguments.GetInt("callers", 64));
            return 0;
        case "state-writes":
            arguments.ThrowIfUnknown("seconds", "grains", "store", "synchronous-commit");
            MachineDescription.Print(Console.Out);
            await StateWritesBenchmark.RunAsync(
                arguments.GetInt("seconds", 10),
                arguments.GetInt("grains", 32),
                arguments.GetString("store", "postgres", "postgres", "sqlite"),
                arguments.GetString("synchronous-commit", "on", "on", "off") == "on");
            return 0;
        case "fanout":
            arguments.ThrowIfUnknown("seconds", "subscribers", "streams", "store", "partitions", "window", "synchronous-commit");
            MachineDescription.Print(Console.Out);
            await FanoutBenchmark.RunAsync(
                arguments.GetInt("seconds", 10),
                arguments.GetInt("subscribers", 10_000),
                arguments.GetInt("streams", 1),
                arguments.GetString("store", "postgres", "postgres", "sqlite"),
                arguments.GetInt("partitions", 8),
                arguments.GetInt("window", 100),
                arguments.GetString("synchronous-commit", "on", "on", "off") == "on");
            return 0;
        case "all":
            arguments.ThrowIfUnknown("seconds");
            MachineDescription.Print(Console.Out);
            var seconds = arguments.GetInt("seconds", 10);
            await LocalCallsBenchmark.RunAsync(seconds, callers: 64);
            Console.WriteLine();
            await StateWritesBenchmark.RunAsync(seconds, grains: 32, store: "postgres");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown command '{arguments.Command}'.");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
