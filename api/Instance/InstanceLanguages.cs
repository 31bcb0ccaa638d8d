using System.Text.Json.Nodes;
using Weft.Api.Mastodon;

namespace Weft.Api.Instance;

/// <summary>
/// GET /api/v1/instance/languages: the languages a status may be marked with, as clients fill their language pickers
/// from it: ISO 639-1, each with its English name (the few ISO 639-3 codes and regional variants a status may also
/// carry, see <see cref="LanguageCodes"/>, are not offered).
/// </summary>
public static class InstanceLanguages
{
    /// <summary>The list as Mastodon's Language entities: <c>[{"code": "en", "name": "English"}, …]</c>, by code.</summary>
    public static JsonArray Document() =>
        [.. LanguageCodes.Iso639_1.Select(language => (JsonNode)new JsonObject { ["code"] = language.Code, ["name"] = language.Name })];
}
