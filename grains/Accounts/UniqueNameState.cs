namespace Weft.Grains.Accounts;

/// <summary>What a unique-name grain stores: the account holding the name.</summary>
public sealed class UniqueNameState
{
    public long? AccountId { get; set; }
}
