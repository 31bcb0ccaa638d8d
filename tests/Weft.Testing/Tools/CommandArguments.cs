using System.Globalization;

namespace Weft.Testing.Tools;

/// <summary>A command-line tool's command and its <c>--name value</c> options (bench/ and loadtest/).</summary>
public sealed class CommandArguments
{
    private readonly Dictionary<string, string> _options;

    private CommandArguments(string command, Dictionary<string, string> options)
    {
        Command = command;
        _options = options;
    }

    public string Command { get; }

    public static CommandArguments Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("No command given.");
        }

        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value, found '{args[i]}'.");
            }

            options[args[i][2..]] = args[++i];
        }

        return new CommandArguments(args[0], options);
    }

    public int GetInt(string name, int defaultValue)
    {
        if (!_options.TryGetValue(name, out var text))
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name} must be a positive integer, not '{text}'.");
    }

    public string GetString(string name, string defaultValue, params string[] allowed)
    {
        if (!_options.TryGetValue(name, out var text))
        {
            return defaultValue;
        }

        return allowed.Contains(text, StringComparer.OrdinalIgnoreCase)
            ? text.ToLowerInvariant()
            : throw new ArgumentException($"--{name} must be one of {string.Join(", ", allowed)}, not '{text}'.");
    }

    /// <summary>Options that no command read, so a typo is reported instead of silently ignored.</summary>
    public void ThrowIfUnknown(params string[] known)
    {
        foreach (var name in _options.Keys)
        {
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"Unknown option --{name} for '{Command}'.");
            }
        }
    }
}
