namespace Weft.Runtime.Tests.Grains;

/// <summary>A stream event used by the stream tests.</summary>
public sealed record Note(string Text);
