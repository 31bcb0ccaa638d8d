namespace Weft.Silo;

/// <summary>The silo process. Internal, so the API (which references this project to co-host a silo) keeps its own Program.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            var builder = Host.CreateApplicationBuilder(args);
            builder.AddWeftSilo();
            await builder.Build().RunAsync();
            return 0;
        }
        catch (Exception e)
        {
            // The host has logged the details; say why in one line and exit with an error instead of aborting.
            await Console.Error.WriteLineAsync($"Weft silo failed: {e.Message}");
            return 1;
        }
    }
}
