using Weft.Silo;

var builder = Host.CreateApplicationBuilder(args);
builder.AddWeftSilo();
await builder.Build().RunAsync();
