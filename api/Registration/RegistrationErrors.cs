namespace Weft.Api.Registration;

/// <summary>Collects field errors and words them as Mastodon (Rails) does: "Validation failed: Username has already been taken".</summary>
public sealed class RegistrationErrors
{
    private readonly Dictionary<string, List<FieldError>> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _messages = [];

    public bool Any => _fields.Count > 0;

    public void Add(string field, string code, string description)
    {
        if (!_fields.TryGetValue(field, out var errors))
        {
            _fields[field] = errors = [];
        }

        errors.Add(new FieldError(code, description));
        _messages.Add($"{char.ToUpperInvariant(field[0])}{field[1..]} {description}");
    }

    public IResult ToResult()
    {
        var details = _fields.ToDictionary(
            field => field.Key, field => (IReadOnlyList<FieldError>)field.Value, StringComparer.Ordinal);
        var entity = new ValidationErrorEntity("Validation failed: " + string.Join(", ", _messages), details);
        return Results.Json(entity, RegistrationJsonContext.Default.ValidationErrorEntity, statusCode: StatusCodes.Status422UnprocessableEntity);
    }
}
