namespace Weft.Persistence.PostgreSql;

/// <summary>What an error message needs to say where a provider points and which settings to fix.</summary>
/// <param name="Subject">Who failed, for example <c>Storage provider 'Default'</c>.</param>
/// <param name="Settings">The provider's configuration section, for example <c>Weft:Storage:Default</c>.</param>
/// <param name="Endpoint">host:port.</param>
/// <param name="Database">The database name.</param>
/// <param name="User">The user name.</param>
/// <param name="Objects">The tables the provider uses, for example <c>table "weft"."grain_state"</c>.</param>
/// <param name="ObjectSettings">The settings that name those tables, for example <c>Weft:Storage:Default:Schema and …:Table</c>.</param>
internal sealed record PostgreSqlErrorContext(
    string Subject, string Settings, string Endpoint, string Database, string User, string Objects, string ObjectSettings);
