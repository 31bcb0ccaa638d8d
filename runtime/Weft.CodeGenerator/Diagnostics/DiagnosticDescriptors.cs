using Microsoft.CodeAnalysis;

namespace Weft.CodeGenerator.Diagnostics;

/// <summary>The compile-time errors the generator reports. Every message says what is wrong and how to fix it.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Weft";

    public static readonly DiagnosticDescriptor InvalidReturnType = Error(
        "WEFT001",
        "Grain method must return Task, Task<T>, ValueTask or ValueTask<T>",
        "Grain method '{0}' returns '{1}'. Grain methods must return Task, Task<T>, ValueTask or ValueTask<T> so calls can be routed asynchronously.");

    public static readonly DiagnosticDescriptor ByRefParameter = Error(
        "WEFT002",
        "Grain method parameters cannot be passed by reference",
        "Parameter '{0}' of grain method '{1}' is declared '{2}'. A grain call may cross a process boundary, so arguments are passed by value: remove the '{2}' modifier and return results in the Task instead.");

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Error(
        "WEFT003",
        "Grain method parameter type cannot be sent to a grain",
        "Parameter '{0}' of grain method '{1}' has type '{2}', which is a pointer or ref struct and cannot outlive the call. Pass an array, ReadOnlyMemory<T> or another heap type instead.");

    public static readonly DiagnosticDescriptor GenericMethod = Error(
        "WEFT004",
        "Generic grain methods are not supported",
        "Grain method '{0}' is generic. Generic grain methods are not supported yet: declare one non-generic method per type argument you need.");

    public static readonly DiagnosticDescriptor GenericInterface = Error(
        "WEFT005",
        "Generic grain interfaces are not supported",
        "Grain interface '{0}' is generic. Generic grain interfaces are not supported yet: declare a non-generic interface per type argument you need.");

    public static readonly DiagnosticDescriptor UnsupportedMember = Error(
        "WEFT006",
        "Grain interfaces may only declare instance methods",
        "Grain interface '{0}' declares {1} '{2}'. Grain interfaces may only declare instance methods, because every call is a message to the grain: {3}.");

    public static readonly DiagnosticDescriptor CancellationTokenParameter = Error(
        "WEFT007",
        "CancellationToken parameters are not supported in grain methods",
        "Parameter '{0}' of grain method '{1}' is a CancellationToken. Cancellation of grain calls is not supported yet: remove the parameter and use a timeout-free method.");

    public static readonly DiagnosticDescriptor ConstructorCount = Error(
        "WEFT008",
        "Grain class must have exactly one public constructor",
        "Grain class '{0}' has {1} public constructors. The runtime creates grains through their only public constructor: keep exactly one public constructor and make the others private or remove them.");

    public static readonly DiagnosticDescriptor GenericClass = Error(
        "WEFT009",
        "Generic grain classes are not supported",
        "Grain class '{0}' is generic. Generic grain classes are not supported yet: derive a non-generic class per type argument you need.");

    public static readonly DiagnosticDescriptor PersistentStateType = Error(
        "WEFT010",
        "[PersistentState] parameter must be IPersistentState<T>",
        "Parameter '{0}' of grain class '{1}' has [PersistentState] but type '{2}'. Declare it as IPersistentState<T>, where T is the state type.");

    public static readonly DiagnosticDescriptor DuplicateStateName = Error(
        "WEFT011",
        "Persistent state names must be unique within a grain class",
        "Grain class '{0}' declares persistent state '{1}' more than once. Each state is stored under its name: give parameter '{2}' a different state name.");

    public static readonly DiagnosticDescriptor DuplicateGrainType = Error(
        "WEFT012",
        "Grain type names must be unique",
        "Grain classes '{0}' and '{1}' both have grain type '{2}'. Stored state and grain ids are keyed by this name: rename one class or pin a distinct name with [GrainType(\"...\")].");

    public static readonly DiagnosticDescriptor Inaccessible = Error(
        "WEFT013",
        "Grain interfaces and classes must be accessible from the whole assembly",
        "Grain {0} '{1}' is not accessible from the rest of the assembly, so generated code cannot use it. Make it (and any type containing it) public or internal.");

    public static readonly DiagnosticDescriptor SeveralKeyKinds = Error(
        "WEFT014",
        "Grain interface must have exactly one key kind",
        "Grain interface '{0}' derives from more than one of IGrainWithStringKey, IGrainWithIntegerKey and IGrainWithGuidKey. A grain has one kind of key: derive from only one of them.");

    public static readonly DiagnosticDescriptor EmptyGrainType = Error(
        "WEFT015",
        "Grain type name must not be empty",
        "Grain class '{0}' has an empty [GrainType] name. Give it a non-empty, stable name such as [GrainType(\"counter\")].");

    public static readonly DiagnosticDescriptor FreshKeyInterleaving = Error(
        "WEFT016",
        "[FreshKey] methods cannot be [ReadOnly] or [AlwaysInterleave]",
        "Grain method '{0}' is [FreshKey] and [{1}]. A [FreshKey] call may activate the grain without reading its state, so it must run alone and write first (a stored state then surfaces as a conflict): remove [{1}] or [FreshKey].");

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
