using Weft.LoadTest.Baseline;
using Weft.LoadTest.Scenarios;
using Weft.Testing.Tools;

const string Usage = """
    usage: dotnet run -c Release --project loadtest -- <command> [options]      (needs wrk: apt-get install -y wrk)
      home-timeline  [--store sqlite|postgres] [--users 40] [--follows 10] [--statuses 5] [--connections 64] [--seconds 15] [--warmup 10] [--page-size 20] [--accept-encoding gzip|identity]
      cold-home-timeline [--users 200] [--follows 10] [--statuses 3] [--page-size 20]   (PostgreSQL; the first read after a restart)
      post-statuses  [--users 64] [--followers 10] [--connections 16] [--seconds 15] [--warmup 10]   (PostgreSQL; needs pgbench)
      index-lag      [--store sqlite|postgres] [--posts 50] [--followers 10]   (how soon a post shows in its author's profile)
      serve-baseline                        (the minimal Kestrel JSON endpoint home-timeline compares with)
    """;

// Bad arguments, here or in a command's options, print the message and the usage and exit with 2 (the catch below).
try
{
    var arguments = CommandArguments.Parse(args);
    switch (arguments.Command)
    {
        case "serve-baseline":
            arguments.ThrowIfUnknown();
            await BaselineServer.RunAsync();
            return 0;
        case "home-timeline":
            arguments.ThrowIfUnknown("store", "users", "follows", "statuses", "connections", "seconds", "warmup", "page-size", "accept-encoding");
            MachineDescription.Print(Console.Out);
            return await HomeTimelineScenario.RunAsync(
                arguments.GetString("store", "sqlite", "sqlite", "postgres"),
                arguments.GetInt("users", 40),
                arguments.GetInt("follows", 10),
                arguments.GetInt("statuses", 5),
                arguments.GetInt("connections", 64),
                arguments.GetInt("seconds", 15),
                arguments.GetInt("warmup", 10),
                arguments.GetInt("page-size", 20),
                arguments.GetString("accept-encoding", "gzip", "gzip", "identity"));
        case "cold-home-timeline":
            arguments.ThrowIfUnknown("users", "follows", "statuses", "page-size");
            MachineDescription.Print(Console.Out);
            return await ColdHomeTimelineScenario.RunAsync(
                arguments.GetInt("users", 200),
                arguments.GetInt("follows", 10),
                arguments.GetInt("statuses", 3),
                arguments.GetInt("page-size", 20));
        case "post-statuses":
            arguments.ThrowIfUnknown("users", "followers", "connections", "seconds", "warmup");
            MachineDescription.Print(Console.Out);
            return await PostStatusesScenario.RunAsync(
                arguments.GetInt("users", 64),
                arguments.GetInt("followers", 10),
                arguments.GetInt("connections", 16),
                arguments.GetInt("seconds", 15),
                arguments.GetInt("warmup", 10));
        case "index-lag":
            arguments.ThrowIfUnknown("store", "posts", "followers");
            MachineDescription.Print(Console.Out);
            return await IndexLagScenario.RunAsync(
                arguments.GetString("store", "sqlite", "sqlite", "postgres"),
                arguments.GetInt("posts", 50),
                arguments.GetInt("followers", 10));
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
