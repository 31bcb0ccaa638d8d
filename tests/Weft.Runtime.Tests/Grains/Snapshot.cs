namespace Weft.Runtime.Tests.Grains;

/// <summary>Immutable: passed by reference on local calls.</summary>
public sealed record Snapshot(string Text, int Number);
