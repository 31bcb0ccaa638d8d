using Weft.Grains.Tests.Support;

namespace Weft.Grains.Tests.Domain;

/// <summary>The key social flows on SQLite (the embedded default).</summary>
public sealed class SqliteSocialFlowTests(SqliteSocialSiloFixture fixture) : SocialFlowTests(fixture), IClassFixture<SqliteSocialSiloFixture>;
