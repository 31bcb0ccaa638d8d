namespace Weft.CodeGenerator;

/// <summary>Names of pipeline steps, so tests can check which steps re-ran after an edit.</summary>
public static class TrackingNames
{
    public const string Interfaces = "Weft.Interfaces";
    public const string Classes = "Weft.Classes";
    public const string InterfaceRegistrations = "Weft.InterfaceRegistrations";
    public const string AssemblyName = "Weft.AssemblyName";
    public const string Metadata = "Weft.Metadata";
}
