using System;
using System.Collections.Generic;

namespace Weft.CodeGenerator.Model;

internal static class EquatableArrayExtensions
{
    public static EquatableArray<T> ToEquatableArray<T>(this List<T> items)
        where T : IEquatable<T>
        => new(items.ToArray());
}
