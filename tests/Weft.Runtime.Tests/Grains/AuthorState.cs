namespace Weft.Runtime.Tests.Grains;

public sealed class AuthorState
{
    public List<string> Posts { get; set; } = [];
}
