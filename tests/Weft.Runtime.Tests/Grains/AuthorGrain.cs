using Weft.Streams;

namespace Weft.Runtime.Tests.Grains;

public sealed class AuthorGrain([PersistentState("author")] IPersistentState<AuthorState> state) : Grain, IAuthorGrain
{
    public async Task<long> Post(string text)
    {
        state.State.Posts.Add(text);
        var stream = GetStreamProvider().GetStream<Note>(new StreamId("notes", GetPrimaryKeyString()));
        try
        {
            return await stream.OnNextWithStateAsync(new Note(text), state);
        }
        catch
        {
            state.State.Posts.Remove(text);
            throw;
        }
    }

    public Task<string[]> Posts() => Task.FromResult(state.State.Posts.ToArray());
}
