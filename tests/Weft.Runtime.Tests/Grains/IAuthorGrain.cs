namespace Weft.Runtime.Tests.Grains;

/// <summary>Saves a note in its state and publishes it in one transaction (the outbox).</summary>
public interface IAuthorGrain : IGrainWithStringKey
{
    Task<long> Post(string text);

    Task<string[]> Posts();
}
