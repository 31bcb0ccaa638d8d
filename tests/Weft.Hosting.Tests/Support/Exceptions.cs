namespace Weft.Hosting.Tests.Support;

internal static class Exceptions
{
    /// <summary>The messages of an exception and everything it wraps, one per line.</summary>
    public static string AllMessages(Exception exception)
    {
        var messages = new List<string>();
        Collect(exception, messages);
        return string.Join(Environment.NewLine, messages);
    }

    private static void Collect(Exception exception, List<string> messages)
    {
        messages.Add($"{exception.GetType().Name}: {exception.Message}");
        if (exception is AggregateException aggregate)
        {
            foreach (var inner in aggregate.InnerExceptions)
            {
                Collect(inner, messages);
            }
        }
        else if (exception.InnerException is { } inner)
        {
            Collect(inner, messages);
        }
    }
}
