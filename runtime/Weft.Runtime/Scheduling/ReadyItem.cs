namespace Weft.Runtime.Scheduling;

/// <summary>Something ready to run on an activation: admitted work, an await continuation, or a lifecycle step.</summary>
internal readonly struct ReadyItem
{
    private ReadyItem(ReadyItemKind kind, ActivationWorkItem? work, SendOrPostCallback? callback, object? state)
    {
        Kind = kind;
        Work = work;
        Callback = callback;
        State = state;
    }

    public ReadyItemKind Kind { get; }

    public ActivationWorkItem? Work { get; }

    public SendOrPostCallback? Callback { get; }

    public object? State { get; }

    public static ReadyItem ForWork(ActivationWorkItem work) => new(ReadyItemKind.Work, work, null, null);

    public static ReadyItem ForContinuation(SendOrPostCallback callback, object? state) => new(ReadyItemKind.Continuation, null, callback, state);

    public static ReadyItem ForStep(ReadyItemKind kind) => new(kind, null, null, null);
}

/// <summary>The kinds of <see cref="ReadyItem"/>.</summary>
internal enum ReadyItemKind
{
    Work,
    Continuation,
    Activate,
    Deactivate,
}
