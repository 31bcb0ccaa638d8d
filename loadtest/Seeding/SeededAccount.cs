namespace Weft.LoadTest.Seeding;

/// <summary>An account the seeder registered, with its user token.</summary>
internal sealed record SeededAccount(string Id, string Username, string Token);
