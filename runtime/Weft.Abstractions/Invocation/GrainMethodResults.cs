using System.ComponentModel;

namespace Weft.Invocation;

/// <summary>Adapts grain method return values to <see cref="ValueTask{TResult}"/>; used by generated requests.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GrainMethodResults
{
    /// <summary>From Task.</summary>
    public static ValueTask<NoResult> From(Task task)
    {
        if (task.IsCompletedSuccessfully)
        {
            return default;
        }

        return Await(task);

        static async ValueTask<NoResult> Await(Task task)
        {
            await task.ConfigureAwait(false);
            return default;
        }
    }

    /// <summary>From ValueTask.</summary>
    public static ValueTask<NoResult> From(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            task.GetAwaiter().GetResult();
            return default;
        }

        return Await(task);

        static async ValueTask<NoResult> Await(ValueTask task)
        {
            await task.ConfigureAwait(false);
            return default;
        }
    }

    /// <summary>From Task of T.</summary>
    public static ValueTask<T> From<T>(Task<T> task) => new(task);
}
