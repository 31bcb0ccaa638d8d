using Weft.Api.Health;
using Weft.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddWeftSilo();

var app = builder.Build();
app.MapHealthEndpoints();
app.Run();

/// <summary>The API's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
