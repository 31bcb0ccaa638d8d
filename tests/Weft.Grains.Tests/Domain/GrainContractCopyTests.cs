using System.Reflection;
using Weft.GrainInterfaces.Accounts;
using Weft.Invocation;

namespace Weft.Grains.Tests.Domain;

/// <summary>
/// Weft's grain contracts are immutable types, so local calls hand arguments and results on without deep copies. A
/// mutable member (a List or an IReadOnlyList in a record) makes the generator copy the value through JSON on every
/// call, and makes records compare unequal after the copy — a profile field once did this to every rendered status.
/// </summary>
public sealed class GrainContractCopyTests
{
    [Fact]
    public void No_grain_method_of_Weft_copies_its_arguments_or_its_result()
    {
        var descriptors = typeof(IAccountGrain).Assembly.GetTypes()
            .Where(type => type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IGrainRequest<>)))
            .Select(type => (GrainMethodDescriptor)type.GetProperty("Method", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
            .ToList();

        Assert.True(descriptors.Count > 50, $"Found only {descriptors.Count} generated grain requests.");
        var copying = descriptors
            .Where(method => method.ArgumentsNeedCopy || method.ResultNeedsCopy)
            .Select(method => $"{method.InterfaceType.Name}.{method.MethodName} (arguments: {method.ArgumentsNeedCopy}, result: {method.ResultNeedsCopy})");
        Assert.Empty(copying);
    }
}
