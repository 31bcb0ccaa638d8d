using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Weft.Api.Infrastructure;

/// <summary>
/// The parameters of a request, whichever way the client sent them: a JSON object, a form (url-encoded or multipart), or
/// the query string (lowest priority, as Rails merges them). Arrays arrive as <c>name[]</c> or <c>name</c> in forms and
/// as JSON arrays. Malformed input becomes an <see cref="ApiException"/>, never a 500.
/// </summary>
public sealed partial class RequestBody
{
    private readonly JsonElement? _json;
    private readonly IFormCollection? _form;
    private readonly IQueryCollection _query;

    private RequestBody(JsonElement? json, IFormCollection? form, IQueryCollection query)
    {
        _json = json;
        _form = form;
        _query = query;
    }

    /// <summary>
    /// Reads and parses the body according to its content type, once per request: a body already read (by
    /// <see cref="BodiesFirst"/>) is the same object again.
    /// </summary>
    public static ValueTask<RequestBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        request.HttpContext.Features.Get<RequestBody>() is { } read ? ValueTask.FromResult(read) : ReadOnceAsync(request, cancellationToken);

    private static async ValueTask<RequestBody> ReadOnceAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ParseAsync(request, cancellationToken);
        request.HttpContext.Features.Set(body);
        return body;
    }

    private static async ValueTask<RequestBody> ParseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // The query is decoded leniently (a bad escape stays as literal text), and it fills in parameters too.
        if (request.QueryString.Value is { } query && query.Contains('%', StringComparison.Ordinal)
            && !PercentEncoding.DecodesToValidUtf8(System.Text.Encoding.ASCII.GetBytes(query)))
        {
            throw new ApiException(StatusCodes.Status422UnprocessableEntity, "Validation failed: the query string's percent escapes are not valid UTF-8");
        }

        var contentType = request.ContentType;
        if (contentType is not null && contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new RequestBody(await ReadJsonAsync(request, cancellationToken), null, request.Query);
        }

        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                if (contentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
                {
                    await CheckPercentEscapesAsync(request, cancellationToken);
                }
                else
                {
                    await CheckMultipartTextAsync(request, cancellationToken);
                }

                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (InvalidDataException e)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "Malformed form body", e.Message);
            }
            catch (IOException e) when (IsMalformedForm(e, cancellationToken))
            {
                // The multipart reader's "Unexpected end of Stream" (whose wording blames "another component"): a body
                // without its closing boundary. Kestrel's own refusals (too large, bad framing) keep their status
                // through the error handler.
                throw new ApiException(
                    StatusCodes.Status400BadRequest, "Malformed form body", "The multipart body ends before its closing boundary.");
            }

            return new RequestBody(null, form, request.Query);
        }

        return new RequestBody(null, null, request.Query);
    }

    // The body is buffered (within the request size limit) so the form reader can read it again.
    private static async ValueTask CheckPercentEscapesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        request.Body.Position = 0;
        if (!PercentEncoding.DecodesToValidUtf8(body.GetBuffer().AsSpan(0, (int)body.Length)))
        {
            throw new ApiException(StatusCodes.Status422UnprocessableEntity, "Validation failed: the form's percent escapes are not valid UTF-8");
        }
    }

    // The form reader decodes a multipart value by its byte-order mark if it has one, so bytes that are not UTF-8 but start
    // with FF FE would arrive as UTF-16 text. Each text part's bytes are checked first, as sent (files are skipped);
    // malformed framing is left to the form reader, which reports it.
    private static async ValueTask CheckMultipartTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            ? HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            return;
        }

        request.EnableBuffering();
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            using var value = new MemoryStream();
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFormDisposition())
                {
                    continue;
                }

                value.SetLength(0);
                await section.Body.CopyToAsync(value, cancellationToken);
                if (!Utf8.IsValid(value.GetBuffer().AsSpan(0, (int)value.Length)))
                {
                    throw Invalid(HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "a form field", "is not valid UTF-8");
                }
            }
        }
        catch (Exception e) when (IsMalformedForm(e, cancellationToken))
        {
            // Malformed multipart: the form reader below meets it again and answers 400.
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    /// <summary>
    /// Whether reading a form failed on the body itself: malformed content, or a multipart body without its closing
    /// boundary (an <see cref="IOException"/>). Kestrel's own refusals (too large, bad framing) and a cancelled read
    /// are not.
    /// </summary>
    public static bool IsMalformedForm(Exception exception, CancellationToken cancellationToken) =>
        exception is InvalidDataException or IOException && exception is not BadHttpRequestException && !cancellationToken.IsCancellationRequested;

    /// <summary>Whether a multipart body carries a file under <paramref name="name"/>.</summary>
    public bool HasFile(string name) => _form?.Files.GetFile(name) is not null;

    /// <summary>Whether the parameter was sent at all.</summary>
    public bool Has(string name) => TryGetJson(name, out _) || TryGetForm(name, out _) || _query.ContainsKey(name) || _query.ContainsKey(name + "[]");

    /// <summary>
    /// Whether the parameter was sent with a value: a JSON null and empty form or query values count as absent, as Rails
    /// treats them (Mastodon's web client sends <c>"poll": null</c> with every status).
    /// </summary>
    public bool HasValue(string name)
    {
        if (TryGetJson(name, out var element))
        {
            return element.ValueKind != JsonValueKind.Null;
        }

        return (TryGetForm(name, out var values) || TryGetQuery(name, out values)) && values.Any(value => !string.IsNullOrEmpty(value));
    }

    /// <summary>A text parameter, or null if absent. JSON numbers and booleans give their text.</summary>
    public string? GetString(string name)
    {
        if (TryGetJson(name, out var element))
        {
            return element.ValueKind switch
            {
                JsonValueKind.String => Checked(name, JsonString(name, element)),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
                JsonValueKind.Null => null,
                _ => throw Invalid(name, "must be a string"),
            };
        }

        if (TryGetForm(name, out var values) || TryGetQuery(name, out values))
        {
            return values.Count == 0 ? null : CheckedForm(name, values[values.Count - 1] ?? string.Empty);
        }

        return null;
    }

    /// <summary>
    /// A text field of a nested parameter: <c>{"outer": {"inner": …}}</c> in JSON, <c>outer[inner]</c> in forms and
    /// the query; null if absent.
    /// </summary>
    public string? GetNestedString(string outer, string inner)
    {
        if (TryGetJson(outer, out var element))
        {
            if (element.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(outer, "must be an object");
            }

            return element.TryGetProperty(inner, out var value) ? value.ValueKind switch
            {
                JsonValueKind.String => Checked(outer, JsonString(outer, value)),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.Null => null,
                _ => throw Invalid($"{outer}[{inner}]", "must be a string"),
            } : null;
        }

        return GetString($"{outer}[{inner}]");
    }

    /// <summary>A boolean field of a nested parameter (<c>{"outer": {"inner": true}}</c> or <c>outer[inner]</c>); null if absent.</summary>
    public bool? GetNestedBool(string outer, string inner)
    {
        if (TryGetJson(outer, out var element) && element.ValueKind == JsonValueKind.Object && element.TryGetProperty(inner, out var value)
            && value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        return GetNestedString(outer, inner) is { } text ? ParseBool($"{outer}[{inner}]", text) : null;
    }

    /// <summary>An array parameter (<c>name[]</c> or repeated <c>name</c> in forms, a JSON array or single string); empty if absent.</summary>
    public IReadOnlyList<string> GetStrings(string name)
    {
        if (TryGetJson(name, out var element) || TryGetJson(name + "[]", out element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Array:
                    var list = new List<string>(element.GetArrayLength());
                    foreach (var item in element.EnumerateArray())
                    {
                        list.Add(item.ValueKind switch
                        {
                            JsonValueKind.String => Checked(name, JsonString(name, item)),
                            JsonValueKind.Number => item.GetRawText(),
                            _ => throw Invalid(name, "must be an array of strings"),
                        });
                    }

                    return list;
                case JsonValueKind.String:
                    return [Checked(name, JsonString(name, element))];
                case JsonValueKind.Number:
                    return [element.GetRawText()]; // one id, as Rails' Array(params[:id]) takes it
                case JsonValueKind.Null:
                    return [];
                default:
                    throw Invalid(name, "must be an array of strings");
            }
        }

        if (TryGetForm(name + "[]", out var values) || TryGetForm(name, out values) || TryGetQuery(name + "[]", out values) || TryGetQuery(name, out values))
        {
            var list = new List<string>(values.Count);
            foreach (var value in values)
            {
                list.Add(CheckedForm(name, value ?? string.Empty));
            }

            return list;
        }

        return [];
    }

    /// <summary>
    /// A list of objects with a name and a value, as Rails reads nested attributes: a JSON array of objects or an object
    /// of them keyed by index, or form fields <c>name[0][name]</c>, <c>name[0][value]</c>… (or <c>name[][name]</c>…),
    /// in index order. Null if absent (a JSON null too, as Rails' permit drops it); a missing name or value is empty.
    /// </summary>
    public IReadOnlyList<(string Name, string Value)>? GetNameValuePairs(string name)
    {
        if (TryGetJson(name, out var element))
        {
            if (element.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            IEnumerable<JsonElement> items = element.ValueKind switch
            {
                JsonValueKind.Array => element.EnumerateArray(),
                JsonValueKind.Object => element.EnumerateObject().Select(property => property.Value),
                _ => throw Invalid(name, "must be a list of objects with a name and a value"),
            };
            var pairs = new List<(string, string)>();
            foreach (var item in items)
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(name, "must be a list of objects with a name and a value");
                }

                pairs.Add((PairText(name, item, "name"), PairText(name, item, "value")));
            }

            return pairs;
        }

        if (_form is null)
        {
            return null;
        }

        // name[<index>][<part>] in index order; name[][<part>] starts a new pair at each repeated part, as Rails does.
        var indexed = new SortedDictionary<long, (string Name, string Value)>();
        var appended = new List<(string Name, string Value)>();
        var found = false;
        foreach (var (key, values) in _form)
        {
            var match = NestedPairKey().Match(key);
            if (!match.Success || !string.Equals(match.Groups["outer"].Value, name, StringComparison.Ordinal))
            {
                continue;
            }

            found = true;
            var part = match.Groups["part"].Value;
            if (match.Groups["index"].Length == 0)
            {
                for (var i = 0; i < values.Count; i++)
                {
                    if (i >= appended.Count)
                    {
                        appended.Add((string.Empty, string.Empty));
                    }

                    appended[i] = WithPart(appended[i], part, CheckedForm(key, values[i] ?? string.Empty));
                }

                continue;
            }

            if (!long.TryParse(match.Groups["index"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                throw Invalid(key, "has an index that is not a number");
            }

            indexed[index] = WithPart(indexed.GetValueOrDefault(index, (string.Empty, string.Empty)), part, CheckedForm(key, values.Count == 0 ? string.Empty : values[^1] ?? string.Empty));
        }

        return found ? [.. indexed.Values, .. appended] : null;

        static (string Name, string Value) WithPart((string Name, string Value) pair, string part, string text) =>
            part == "name" ? (text, pair.Value) : (pair.Name, text);
    }

    private static string PairText(string name, JsonElement item, string part) =>
        !item.TryGetProperty(part, out var value) ? string.Empty : value.ValueKind switch
        {
            JsonValueKind.String => Checked(name, JsonString(name, value)),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            JsonValueKind.Null => string.Empty,
            _ => throw Invalid($"{name}[{part}]", "must be a string"),
        };

    [GeneratedRegex(@"^(?<outer>[^\[\]]+)\[(?<index>[^\[\]]*)\]\[(?<part>name|value)\]$")]
    private static partial Regex NestedPairKey();

    /// <summary>A boolean parameter: true/false, 1/0, on/off (any case), or a JSON boolean; null if absent or empty.</summary>
    public bool? GetBool(string name)
    {
        if (TryGetJson(name, out var element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.Null:
                    return null;
                case JsonValueKind.Number:
                    return ParseBool(name, element.GetRawText());
                case JsonValueKind.String:
                    return ParseBool(name, JsonString(name, element));
                default:
                    throw Invalid(name, "must be a boolean");
            }
        }

        var text = GetString(name);
        return text is null ? null : ParseBool(name, text);
    }

    /// <summary>An integer parameter, or null if absent or empty; malformed is a 422.</summary>
    public int? GetInt(string name) => TryGetInt(name, out var value) ? value : throw Invalid(name, "must be an integer");

    /// <summary>
    /// A paging number (limit, offset), or null if absent or empty; malformed is a 400, as the paging parameters of every
    /// list are (<see cref="Paging.PageQuery"/>).
    /// </summary>
    public int? GetPagingInt(string name) =>
        TryGetInt(name, out var value) ? value : throw new ApiException(StatusCodes.Status400BadRequest, $"{name} must be an integer");

    private bool TryGetInt(string name, out int? value)
    {
        value = null;
        if (TryGetJson(name, out var element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Number when element.TryGetInt32(out var number):
                    value = number;
                    return true;
                case JsonValueKind.Null:
                    return true;
                case not JsonValueKind.String:
                    return false; // an array, an object, a boolean or a number out of range
            }
        }

        var text = GetString(name);
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    private static bool? ParseBool(string name, string text) => text.Trim().ToLowerInvariant() switch
    {
        "" => null,
        "true" or "1" or "on" or "t" => true,
        "false" or "0" or "off" or "f" => false,
        _ => throw Invalid(name, "must be a boolean"),
    };

    // JsonDocument accepts escaped lone surrogates ("\ud800") and leaves string contents unchecked until they are read;
    // GetString then throws InvalidOperationException, which is the client's fault, not a server error.
    private static string JsonString(string name, JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Invalid(name, "is not valid UTF-8 or UTF-16 text");
        }
    }

    private static string Checked(string name, string value) =>
        value.Contains('\0', StringComparison.Ordinal) ? throw Invalid(name, "must not contain NUL characters") : value;

    // Form and query decoding turns invalid UTF-8 into U+FFFD instead of failing, so a replacement character there means
    // the client sent bytes that were not UTF-8.
    private static string CheckedForm(string name, string value) =>
        value.Contains('\uFFFD', StringComparison.Ordinal) ? throw Invalid(name, "is not valid UTF-8") : Checked(name, value);

    private static ApiException Invalid(string name, string problem) =>
        new(StatusCodes.Status422UnprocessableEntity, $"Validation failed: {name} {problem}");

    private bool TryGetJson(string name, out JsonElement element)
    {
        element = default;
        return _json is { } json && json.TryGetProperty(name, out element);
    }

    private bool TryGetForm(string name, out StringValues values)
    {
        values = default;
        return _form is not null && _form.TryGetValue(name, out values);
    }

    private bool TryGetQuery(string name, out StringValues values) => _query.TryGetValue(name, out values);

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static async Task<JsonElement?> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            return null;
        }

        // A UTF-8 byte-order mark is allowed before JSON text (RFC 8259 lets parsers ignore it); the parser does not skip it.
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.StartsWith(Utf8ByteOrderMark))
        {
            bytes = bytes[Utf8ByteOrderMark.Length..];
        }

        try
        {
            // System.Text.Json replaces nothing silently: invalid UTF-8 and malformed JSON both throw JsonException.
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "The request body must be a JSON object");
            }

            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "The request body is not valid JSON", e.Message);
        }
    }
}
