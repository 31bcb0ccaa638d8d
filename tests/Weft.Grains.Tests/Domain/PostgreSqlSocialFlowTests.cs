using Weft.Grains.Tests.Support;

namespace Weft.Grains.Tests.Domain;

/// <summary>The key social flows on PostgreSQL.</summary>
public sealed class PostgreSqlSocialFlowTests(PostgreSqlSocialSiloFixture fixture) : SocialFlowTests(fixture), IClassFixture<PostgreSqlSocialSiloFixture>;
