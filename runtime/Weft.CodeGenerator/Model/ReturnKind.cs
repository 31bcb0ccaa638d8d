namespace Weft.CodeGenerator.Model;

/// <summary>The awaitable a grain method returns; decides how requests and proxies adapt the call.</summary>
internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}
