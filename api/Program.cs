using Microsoft.AspNetCore.Hosting.Server;
using Weft.Api.Hosting;
using Weft.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddShippedSettingsWhenMissing();
builder.AddWeftSilo();
builder.Services.AddWeftApi();

var app = builder.Build();
app.UseWeftApi();
app.MapWeftApi();

// Under WebApplicationFactory the test host owns a start-up failure and needs the exception itself.
var hostedByTests = app.Services.GetService<IServer>()?.GetType().Name == "TestServer";
try
{
    await app.RunAsync();
}
catch (Exception e) when (!hostedByTests)
{
    // The host has logged the details; say why in one line and exit with an error instead of aborting.
    await Console.Error.WriteLineAsync($"Weft API failed: {e.Message}");
    return 1;
}

return 0;

/// <summary>The API's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
