namespace Weft.Runtime.Tests.Grains;

/// <summary>System.Text.Json refuses to serialize System.Type: publishing this must fail before anything is stored.</summary>
public sealed record Unserializable(Type Type);
